// Page helpers for /trends and the weekly report: charts as PNG through ApexCharts' own dataURI.
export async function downloadPng(chartId, fileName) {
  const { imgURI } = await window.ApexCharts.exec(chartId, 'dataURI', { scale: 2 });
  const a = document.createElement('a');
  a.href = imgURI;
  a.download = fileName;
  document.body.appendChild(a);
  a.click();
  a.remove();
}

export function print() {
  window.print();
}
