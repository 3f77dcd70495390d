using System.Globalization;
using System.Text;

namespace FailSmart.Core.Targeting;

/// <summary>
/// Translates a JavaScript regular expression, as GrowthBook's SDKs compile it (<c>new RegExp(p)</c>,
/// or with the <c>i</c> flag: no <c>u</c>, <c>m</c> or <c>s</c>, Annex B syntax), into an equivalent
/// pattern for <see cref="System.Text.RegularExpressions.RegexOptions.NonBacktracking"/>, which
/// matches in time linear in the input. Every character class is written out as explicit UTF-16
/// ranges, so JavaScript's meanings hold: <c>\d</c> is ASCII, <c>.</c> stops at the four line
/// terminators, <c>$</c> is the very end. What that engine cannot run (lookarounds, backreferences)
/// is refused with a reason rather than approximated.
/// </summary>
internal sealed class JsRegexTranslator
{
    // JavaScript's WhiteSpace and LineTerminator code points (\s).
    private static readonly (char Low, char High)[] s_space =
    [
        ('\t', '\r'), (' ', ' '), ('\u00A0', '\u00A0'), ('\u1680', '\u1680'), ('\u2000', '\u200A'),
        ('\u2028', '\u2029'), ('\u202F', '\u202F'), ('\u205F', '\u205F'), ('\u3000', '\u3000'), ('\uFEFF', '\uFEFF'),
    ];

    private static readonly (char Low, char High)[] s_digit = [('0', '9')];
    private static readonly (char Low, char High)[] s_word = [('0', '9'), ('A', 'Z'), ('_', '_'), ('a', 'z')];
    private static readonly (char Low, char High)[] s_lineTerminators = [('\n', '\n'), ('\r', '\r'), ('\u2028', '\u2029')];

    private readonly string _pattern;
    private readonly bool _ignoreCase;
    private readonly bool _hasNamedGroups;
    private readonly StringBuilder _out = new();
    private int _at;

    private JsRegexTranslator(string pattern, bool ignoreCase)
    {
        _pattern = pattern;
        _ignoreCase = ignoreCase;
        _hasNamedGroups = HasNamedGroups(pattern);
    }

    /// <summary>
    /// Translates <paramref name="pattern"/>; on failure says why, in words a user can act on. With
    /// <paramref name="ignoreCase"/> (the <c>i</c> flag) every literal and class is widened here to the
    /// characters JavaScript's case canonicalisation equates, so the result is used without
    /// <see cref="System.Text.RegularExpressions.RegexOptions.IgnoreCase"/>.
    /// </summary>
    public static bool TryTranslate(string pattern, bool ignoreCase, out string translated, out string error)
    {
        ArgumentNullException.ThrowIfNull(pattern);
        var translator = new JsRegexTranslator(pattern, ignoreCase);
        try
        {
            translator.Disjunction();
            if (translator._at < pattern.Length)
            {
                // Only an unmatched ')' stops a disjunction early.
                throw Fail("unmatched ')' at position " + translator._at.ToString(CultureInfo.InvariantCulture));
            }
        }
        catch (FormatException e)
        {
            translated = string.Empty;
            error = e.Message;
            return false;
        }

        translated = translator._out.ToString();
        error = string.Empty;
        return true;
    }

    private bool More => _at < _pattern.Length;

    private char Peek => _pattern[_at];

    private void Disjunction()
    {
        Alternative();
        while (More && Peek == '|')
        {
            _at++;
            _out.Append('|');
            Alternative();
        }
    }

    private void Alternative()
    {
        while (More && Peek is not ('|' or ')'))
        {
            Term();
        }
    }

    private void Term()
    {
        int start = _at;
        char c = _pattern[_at++];
        bool quantifiable = true;
        switch (c)
        {
            case '^':
                _out.Append('^');
                quantifiable = false;
                break;
            case '$':
                // Without the m flag, JavaScript's $ is the end of the input only (.NET's $ also
                // matches before a final newline).
                _out.Append(@"\z");
                quantifiable = false;
                break;
            case '.':
                AppendClass(s_lineTerminators, negated: true);
                break;
            case '(':
                Group();
                break;
            case '[':
                CharacterClass();
                break;
            case '\\':
                quantifiable = AtomEscape();
                break;
            case '*' or '+' or '?':
                throw Fail("nothing to repeat before '" + c + "' at position " + Position(start));
            case '{':
                if (TryReadBraces(start, out _, out _))
                {
                    throw Fail("nothing to repeat before '{' at position " + Position(start));
                }

                AppendLiteral('{');
                break;
            default:
                AppendLiteral(c);
                break;
        }

        Quantifier(quantifiable, start);
    }

    private void Quantifier(bool quantifiable, int atomStart)
    {
        if (!More)
        {
            return;
        }

        char c = Peek;
        string? quantifier = null;
        if (c is '*' or '+' or '?')
        {
            _at++;
            quantifier = c.ToString();
        }
        else if (c == '{' && TryReadBraces(_at, out int min, out int? max))
        {
            if (max < min)
            {
                throw Fail("numbers out of order in {} quantifier at position " + Position(_at));
            }

            _at = _pattern.IndexOf('}', _at) + 1;
            quantifier = max is null
                ? "{" + min.ToString(CultureInfo.InvariantCulture) + ",}"
                : "{" + min.ToString(CultureInfo.InvariantCulture) + "," + max.Value.ToString(CultureInfo.InvariantCulture) + "}";
        }

        if (quantifier is null)
        {
            return;
        }

        if (!quantifiable)
        {
            throw Fail("nothing to repeat at position " + Position(atomStart));
        }

        _out.Append(quantifier);
        if (More && Peek == '?')
        {
            // Laziness only changes which match is found, not whether there is one.
            _at++;
        }
    }

    // A braced quantifier {n}, {n,} or {n,m} with its '{' at braceAt; anything else is a literal '{'.
    private bool TryReadBraces(int braceAt, out int min, out int? max)
    {
        min = 0;
        max = null;
        int i = braceAt + 1;
        if (!TryReadNumber(ref i, out min))
        {
            return false;
        }

        if (i < _pattern.Length && _pattern[i] == '}')
        {
            max = min;
            return true;
        }

        if (i >= _pattern.Length || _pattern[i] != ',')
        {
            return false;
        }

        i++;
        if (i < _pattern.Length && _pattern[i] == '}')
        {
            return true;
        }

        if (!TryReadNumber(ref i, out int upper) || i >= _pattern.Length || _pattern[i] != '}')
        {
            return false;
        }

        max = upper;
        return true;
    }

    private bool TryReadNumber(ref int i, out int value)
    {
        value = 0;
        int start = i;
        while (i < _pattern.Length && char.IsAsciiDigit(_pattern[i]))
        {
            // JavaScript accepts any size; counts beyond this are refused by the engine as too complex.
            value = (int)Math.Min(int.MaxValue, (value * 10L) + (_pattern[i] - '0'));
            i++;
        }

        return i > start;
    }

    private void Group()
    {
        int start = _at - 1;
        if (More && Peek == '?')
        {
            _at++;
            string rest = _pattern[_at..];
            if (rest.StartsWith(':'))
            {
                _at++;
            }
            else if (rest.StartsWith('=') || rest.StartsWith('!') || rest.StartsWith("<=", StringComparison.Ordinal) || rest.StartsWith("<!", StringComparison.Ordinal))
            {
                throw Fail("lookarounds ((?=, (?!, (?<=, (?<!) are not supported: the linear-time matcher cannot run them; rewrite the condition without it, for example with $not");
            }
            else if (rest.StartsWith('<'))
            {
                int close = _pattern.IndexOf('>', _at);
                if (close < 0 || !IsGroupName(_pattern.AsSpan(_at + 1, close - _at - 1)))
                {
                    throw Fail("invalid group name at position " + Position(start));
                }

                _at = close + 1;
            }
            else
            {
                throw Fail("invalid group at position " + Position(start) + ": JavaScript allows only (?:, (?<name>, and lookarounds");
            }
        }

        // Captures are not needed to decide a match, and a non-capturing group is cheaper.
        _out.Append("(?:");
        Disjunction();
        if (!More || Peek != ')')
        {
            throw Fail("unterminated group starting at position " + Position(start));
        }

        _at++;
        _out.Append(')');
    }

    // Returns whether the escape is an atom (quantifiable) rather than an assertion.
    private bool AtomEscape()
    {
        if (!More)
        {
            throw Fail("\\ at end of pattern");
        }

        char c = _pattern[_at++];
        switch (c)
        {
            case 'b':
                // Word boundary. Documented difference: the engine takes Unicode letters as word characters.
                _out.Append(@"\b");
                return false;
            case 'B':
                _out.Append(@"\B");
                return false;
            case >= '1' and <= '9':
                throw Fail("backreferences (\\" + c + ") are not supported: the linear-time matcher cannot run them; for a character by code write \\xHH");
            case 'k' when _hasNamedGroups:
                throw Fail("named backreferences (\\k<name>) are not supported: the linear-time matcher cannot run them");
            default:
                if (!TryClassEscape(c, out (char, char)[]? set, out bool negated))
                {
                    AppendLiteral(CharacterEscape(c, inClass: false));
                    return true;
                }

                AppendClass(set!, negated);
                return true;
        }
    }

    private static bool TryClassEscape(char c, out (char, char)[]? set, out bool negated)
    {
        (set, negated) = c switch
        {
            'd' => (s_digit, false),
            'D' => (s_digit, true),
            'w' => (s_word, false),
            'W' => (s_word, true),
            's' => (s_space, false),
            'S' => (s_space, true),
            _ => (null, false),
        };
        return set is not null;
    }

    // The character a (non-class) escape stands for; the backslash is already consumed, c too.
    private char CharacterEscape(char c, bool inClass)
    {
        switch (c)
        {
            case 'f':
                return '\f';
            case 'n':
                return '\n';
            case 'r':
                return '\r';
            case 't':
                return '\t';
            case 'v':
                return '\v';
            case '0':
                if (More && char.IsAsciiDigit(Peek))
                {
                    throw Fail("legacy octal escapes (\\0" + Peek + ") are not supported: write \\xHH");
                }

                return '\0';
            case >= '1' and <= '9':
                // Only reached inside a class, where JavaScript reads a legacy octal escape.
                throw Fail("legacy octal escapes (\\" + c + ") are not supported: write \\xHH");
            case 'c':
                if (More && (char.IsAsciiLetter(Peek) || (inClass && (char.IsAsciiDigit(Peek) || Peek == '_'))))
                {
                    return (char)(_pattern[_at++] % 32);
                }

                // Annex B: a '\c' not followed by a control letter is a backslash, and the 'c' is read next.
                _at--;
                return '\\';
            case 'x':
                return TryHex(2, out char x) ? x : 'x';
            case 'u':
                return TryHex(4, out char u) ? u : 'u';
            default:
                // Every other escape is the character itself (identity escapes: \. \/ \a \p ...).
                return c;
        }
    }

    private bool TryHex(int digits, out char value)
    {
        value = '\0';
        if (_at + digits > _pattern.Length
            || !int.TryParse(_pattern.AsSpan(_at, digits), NumberStyles.AllowHexSpecifier, CultureInfo.InvariantCulture, out int code))
        {
            return false;
        }

        foreach (char h in _pattern.AsSpan(_at, digits))
        {
            if (!char.IsAsciiHexDigit(h))
            {
                return false;
            }
        }

        _at += digits;
        value = (char)code;
        return true;
    }

    private void CharacterClass()
    {
        int start = _at - 1;
        bool negated = More && Peek == '^';
        if (negated)
        {
            _at++;
        }

        var ranges = new List<(char Low, char High)>();
        while (true)
        {
            if (!More)
            {
                throw Fail("unterminated character class starting at position " + Position(start));
            }

            if (Peek == ']')
            {
                _at++;
                break;
            }

            ClassAtom(out char low, out (char, char)[]? lowSet, out bool lowNegated);
            if (More && Peek == '-' && _at + 1 < _pattern.Length && _pattern[_at + 1] != ']')
            {
                _at++;
                ClassAtom(out char high, out (char, char)[]? highSet, out bool highNegated);
                if (lowSet is null && highSet is null)
                {
                    if (high < low)
                    {
                        throw Fail("range out of order in character class at position " + Position(start));
                    }

                    ranges.Add((low, high));
                    continue;
                }

                // Annex B: a range with a class escape at either end is the two ends and a '-'.
                AddAtom(ranges, low, lowSet, lowNegated);
                ranges.Add(('-', '-'));
                AddAtom(ranges, high, highSet, highNegated);
                continue;
            }

            AddAtom(ranges, low, lowSet, lowNegated);
        }

        AppendClass([.. ranges], negated);
    }

    private static void AddAtom(List<(char Low, char High)> ranges, char c, (char, char)[]? set, bool negated)
    {
        if (set is null)
        {
            ranges.Add((c, c));
        }
        else
        {
            ranges.AddRange(negated ? Complement(set) : set);
        }
    }

    private void ClassAtom(out char c, out (char, char)[]? set, out bool negated)
    {
        set = null;
        negated = false;
        c = _pattern[_at++];
        if (c != '\\')
        {
            return;
        }

        if (!More)
        {
            throw Fail("\\ at end of pattern");
        }

        char e = _pattern[_at++];
        if (e == 'b')
        {
            c = '\b';
            return;
        }

        if (e == '-')
        {
            c = '-';
            return;
        }

        if (!TryClassEscape(e, out set, out negated))
        {
            c = CharacterEscape(e, inClass: true);
        }
    }

    private void AppendLiteral(char c)
    {
        if (_ignoreCase && JsCaseFolding.HasOtherCases(c))
        {
            AppendClass([(c, c)], negated: false);
        }
        else if (char.IsAsciiLetterOrDigit(c))
        {
            _out.Append(c);
        }
        else
        {
            AppendCode(c);
        }
    }

    // Explicit ranges, so .NET's own meaning of any shorthand never enters. Under the i flag the set is
    // first closed under JavaScript's case canonicalisation, before any negation, as JavaScript does.
    private void AppendClass((char Low, char High)[] ranges, bool negated)
    {
        (char Low, char High)[] merged = Merge(_ignoreCase ? JsCaseFolding.Close(ranges) : ranges);
        if (merged.Length == 0)
        {
            // [] matches nothing and [^] anything.
            _out.Append(negated ? @"[\u0000-\uFFFF]" : @"[^\u0000-\uFFFF]");
            return;
        }

        _out.Append(negated ? "[^" : "[");
        foreach ((char low, char high) in merged)
        {
            AppendCode(low);
            if (high != low)
            {
                _out.Append('-');
                AppendCode(high);
            }
        }

        _out.Append(']');
    }

    private void AppendCode(char c) =>
        _out.Append(@"\u").Append(((int)c).ToString("X4", CultureInfo.InvariantCulture));

    private static (char Low, char High)[] Merge((char Low, char High)[] ranges)
    {
        var sorted = ranges.OrderBy(r => r.Low).ToArray();
        var merged = new List<(char Low, char High)>();
        foreach ((char low, char high) in sorted)
        {
            if (merged.Count > 0 && low <= merged[^1].High + 1)
            {
                merged[^1] = (merged[^1].Low, (char)Math.Max(merged[^1].High, high));
            }
            else
            {
                merged.Add((low, high));
            }
        }

        return [.. merged];
    }

    private static (char Low, char High)[] Complement((char Low, char High)[] set)
    {
        var result = new List<(char Low, char High)>();
        int next = 0;
        foreach ((char low, char high) in Merge(set))
        {
            if (low > next)
            {
                result.Add(((char)next, (char)(low - 1)));
            }

            next = high + 1;
        }

        if (next <= char.MaxValue)
        {
            result.Add(((char)next, char.MaxValue));
        }

        return [.. result];
    }

    private static bool HasNamedGroups(string pattern)
    {
        for (int i = pattern.IndexOf("(?<", StringComparison.Ordinal); i >= 0; i = pattern.IndexOf("(?<", i + 3, StringComparison.Ordinal))
        {
            if (i + 3 < pattern.Length && pattern[i + 3] is not ('=' or '!'))
            {
                return true;
            }
        }

        return false;
    }

    private static bool IsGroupName(ReadOnlySpan<char> name)
    {
        if (name.IsEmpty || !(char.IsLetter(name[0]) || name[0] is '_' or '$'))
        {
            return false;
        }

        foreach (char c in name)
        {
            if (!(char.IsLetterOrDigit(c) || c is '_' or '$'))
            {
                return false;
            }
        }

        return true;
    }

    private static string Position(int at) => at.ToString(CultureInfo.InvariantCulture);

    private static FormatException Fail(string message) => new(message);
}
