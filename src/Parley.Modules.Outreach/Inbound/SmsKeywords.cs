namespace Parley.Modules.Outreach.Inbound;

/// <summary>What a text's keyword asks for (CTIA / TCPA): stop, help, or start again.</summary>
public enum SmsKeyword
{
    Stop,
    Help,
    Start,
}

/// <summary>
/// Reads a text as a keyword when it is one word from the lists (any case, surrounding spaces and punctuation ignored):
/// STOP, STOPALL, UNSUBSCRIBE, CANCEL, END, QUIT and Spanish ALTO, PARAR; HELP and AYUDA; START and UNSTOP.
/// Anything else is a message for a person to read.
/// </summary>
public static class SmsKeywords
{
    private static readonly Dictionary<string, SmsKeyword> Words = new(StringComparer.Ordinal)
    {
        ["STOP"] = SmsKeyword.Stop,
        ["STOPALL"] = SmsKeyword.Stop,
        ["UNSUBSCRIBE"] = SmsKeyword.Stop,
        ["CANCEL"] = SmsKeyword.Stop,
        ["END"] = SmsKeyword.Stop,
        ["QUIT"] = SmsKeyword.Stop,
        ["ALTO"] = SmsKeyword.Stop,
        ["PARAR"] = SmsKeyword.Stop,
        ["HELP"] = SmsKeyword.Help,
        ["AYUDA"] = SmsKeyword.Help,
        ["START"] = SmsKeyword.Start,
        ["UNSTOP"] = SmsKeyword.Start,
    };

    public static SmsKeyword? Read(string? text)
    {
        var word = (text ?? "").Trim().Trim('.', '!', '?', ',', ';', '"', '\'', '¡', '¿').Trim().ToUpperInvariant();
        return Words.TryGetValue(word, out var keyword) ? keyword : null;
    }

    public static string Name(SmsKeyword keyword) => keyword switch
    {
        SmsKeyword.Stop => "stop",
        SmsKeyword.Help => "help",
        SmsKeyword.Start => "start",
    };
}
