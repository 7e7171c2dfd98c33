using System.Security.Cryptography;

namespace CommandCenter.Core.Security;

/// <summary>What a password must look like (MLPS asks for complexity) and how one-time passwords are made.</summary>
public static class PasswordPolicy
{
    public const int MinLength = 10;

    /// <summary>Null when acceptable, otherwise the reason in Chinese for the form.</summary>
    public static string? Check(string userName, string? password)
    {
        if (string.IsNullOrEmpty(password) || password.Length < MinLength)
            return $"密码至少 {MinLength} 位";
        if (password.Length > 128)
            return "密码不能超过 128 位";
        var classes = (password.Any(char.IsLower) ? 1 : 0) + (password.Any(char.IsUpper) ? 1 : 0)
            + (password.Any(char.IsDigit) ? 1 : 0) + (password.Any(c => !char.IsLetterOrDigit(c)) ? 1 : 0);
        if (classes < 3)
            return "密码须包含大写字母、小写字母、数字、符号中的至少三类";
        if (password.Contains(userName, StringComparison.OrdinalIgnoreCase))
            return "密码不能包含用户名";
        return null;
    }

    // No 0/O, 1/l/I: the password is read off a terminal and typed by hand.
    private const string Lower = "abcdefghijkmnpqrstuvwxyz";
    private const string Upper = "ABCDEFGHJKLMNPQRSTUVWXYZ";
    private const string Digits = "23456789";
    private const string Symbols = "-_.!@#%+=";

    /// <summary>A random 16-character password meeting <see cref="Check"/>, to be replaced at first login.</summary>
    public static string GenerateOneTime()
    {
        var all = Lower + Upper + Digits + Symbols;
        var chars = new char[16];
        chars[0] = Lower[RandomNumberGenerator.GetInt32(Lower.Length)];
        chars[1] = Upper[RandomNumberGenerator.GetInt32(Upper.Length)];
        chars[2] = Digits[RandomNumberGenerator.GetInt32(Digits.Length)];
        chars[3] = Symbols[RandomNumberGenerator.GetInt32(Symbols.Length)];
        for (var i = 4; i < chars.Length; i++)
            chars[i] = all[RandomNumberGenerator.GetInt32(all.Length)];
        RandomNumberGenerator.Shuffle(chars.AsSpan());
        return new string(chars);
    }
}
