namespace CommandCenter.Core.Geo;

/// <summary>Name pools for the generated 雉城街道 grids: plausible 村居 names (not the real list, which
/// is not public in this form) and Chinese personal names for the 1+1+N teams.</summary>
internal static class GeneratorNames
{
    // 18 城市社区; the first two are the examples the domain notes use.
    public static readonly string[] Communities =
    [
        "台苑", "画溪", "雉州", "龙山", "金陵", "城中", "解放", "长中", "吴城",
        "紫金", "五峰", "中山", "古城", "新兴", "明珠", "城东", "城西", "长兴港",
    ];

    // 7 居民区 converted from villages, on the edge of town.
    public static readonly string[] Neighbourhoods = ["郎山", "渚山", "长桥", "钱家", "陆汇", "胥仓", "汤家"];

    public static readonly string[] CommunityEstates = ["新村", "花园", "小区", "家园", "苑"];
    public static readonly string[] NeighbourhoodEstates = ["新村", "安置小区", "家园"];

    private static readonly string[] Surnames =
    [
        "王", "李", "张", "刘", "陈", "杨", "黄", "赵", "吴", "周", "徐", "孙", "马", "朱", "胡", "郭", "何", "高",
        "林", "罗", "郑", "梁", "谢", "宋", "唐", "许", "韩", "冯", "邓", "曹", "彭", "曾", "沈", "姚", "钱", "陆",
        "汪", "范", "金", "顾", "蒋", "蔡", "俞", "严", "潘", "丁", "施", "费", "褚", "夏",
    ];

    private static readonly string[] Given =
    [
        "伟", "芳", "娜", "敏", "静", "丽", "强", "磊", "军", "洋", "勇", "艳", "杰", "娟", "涛", "明", "超", "秀",
        "霞", "平", "刚", "英", "华", "玉", "萍", "红", "建", "文", "辉", "力", "斌", "宇", "浩", "凯", "鹏", "婷",
        "雪", "琳", "晨", "欣", "怡", "佳", "俊", "峰", "海", "林", "燕", "兰", "梅", "飞", "云", "国", "春", "荣",
        "志", "新", "亮", "成", "宁", "晓", "慧", "丹", "蓉", "晶", "倩", "根", "福", "金", "水", "琴",
    ];

    public static string Person(SeededRandom rng) =>
        rng.Pick(Surnames) + rng.Pick(Given) + (rng.NextDouble() < 0.7 ? rng.Pick(Given) : "");
}
