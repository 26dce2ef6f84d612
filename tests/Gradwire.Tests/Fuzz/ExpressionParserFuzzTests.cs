using System.Diagnostics;
using FsCheck;
using FsCheck.Fluent;
using Gradwire.Scalars;
using Gradwire.Scalars.Expressions;

namespace Gradwire.Tests.Fuzz;

/// <summary>
/// Issue 12 §6: the expression parser on random strings and random token sequences never throws anything but its
/// parse error (with a column inside the text), never hangs; what parses evaluates or names the op leaving its domain.
/// </summary>
public sealed class ExpressionParserFuzzTests
{
    private static readonly string[] Tokens =
    [
        "x", "y", "z", "_a1", "0", "1", "2.5", "-3", "1e-3", "1e308", "1e999", ".5", "5.", "1e", "(", ")", "(", ")", ",",
        "+", "-", "*", "/", "^", "**", "***", "sqrt", "exp", "log", "sin", "cos", "tan", "asin", "acos", "atan", "sinh",
        "cosh", "tanh", "asinh", "acosh", "atanh", "sigmoid", "relu", "abs", "pow", "atan2", "max", "min", "foo", " ",
        "", "\t", "é", "$", "0x10", "NaN", "Infinity",
    ];

    private const string Alphabet = "xyz019.e+-*/^(),  \tsinpowmaxabsqrtE_$é\u001b\0\u00a0一";

    private static void ParseAndEvaluate(string text)
    {
        var error = FuzzBudget.OnlyDocumentedErrors(() =>
        {
            var expression = Expression.Parse(text);
            var bindings = new Dictionary<string, Value>(StringComparer.Ordinal);
            foreach (var name in expression.Variables) bindings[name] = new Value(0.5);
            FuzzBudget.OnlyDocumentedErrors(() =>
            {
                var value = expression.Evaluate(bindings, checkDomains: true);
                value.Backward();
            }, text, typeof(ScalarDomainException));
        }, text, typeof(ExpressionParseException));
        if (error is ExpressionParseException parse)
        {
            Assert.InRange(parse.Column, 1, text.Length + 1);
            Assert.False(string.IsNullOrWhiteSpace(parse.Problem));
        }
    }

    [Fact]
    public void Random_strings_only_ever_raise_the_parse_error()
    {
        var gen = Gen.Elements(Alphabet.ToCharArray()).ArrayOf().Select(chars => new string(chars));
        FuzzBudget.Run(gen, 3000, 20261201UL, ParseAndEvaluate);
    }

    [Fact]
    public void Random_token_sequences_only_ever_raise_the_parse_error()
    {
        var gen = Gen.Elements(Tokens).ListOf().Select(tokens => string.Join("", tokens));
        FuzzBudget.Run(gen, 3000, 20261202UL, ParseAndEvaluate);
    }

    [Fact]
    public void Deep_nesting_and_long_inputs_are_errors_or_values_quickly()
    {
        var clock = Stopwatch.StartNew();
        ParseAndEvaluate(new string('(', 100_000) + "x" + new string(')', 100_000));
        ParseAndEvaluate(string.Concat(Enumerable.Repeat("-", 100_000)) + "x");
        ParseAndEvaluate(string.Join("+", Enumerable.Repeat("x", 100_000)));
        ParseAndEvaluate(string.Join("^", Enumerable.Repeat("x", 10_000)));
        ParseAndEvaluate(new string('1', 1_000_000));
        Assert.True(clock.Elapsed < TimeSpan.FromSeconds(20), $"took {clock.Elapsed}");
    }
}
