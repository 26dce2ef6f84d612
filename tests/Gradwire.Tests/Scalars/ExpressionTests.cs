using Gradwire.Scalars;
using Gradwire.Scalars.Expressions;

namespace Gradwire.Tests.Scalars;

public sealed class ExpressionTests
{
    private static double Eval(string text, params (string Name, double Value)[] at) =>
        Expression.Parse(text).Evaluate(at.ToDictionary(p => p.Name, p => new Value(p.Value))).Data;

    [Theory]
    [InlineData("1 + 2 * 3", 7)]
    [InlineData("(1 + 2) * 3", 9)]
    [InlineData("8 / 4 / 2", 1)]
    [InlineData("10 - 4 - 3", 3)]
    [InlineData("2 ^ 3 ^ 2", 512)]
    [InlineData("2 ** 3 ** 2", 512)]
    [InlineData("-2 ^ 2", -4)]
    [InlineData("2 ^ -1", 0.5)]
    [InlineData("-(-3)", 3)]
    [InlineData("+3 - -2", 5)]
    [InlineData("1e-3 * 1000", 1)]
    [InlineData(".5 + 0.25", 0.75)]
    [InlineData("max(1, 2) + min(1, 2)", 3)]
    [InlineData("pow(2, 10)", 1024)]
    [InlineData("2 * -3", -6)]
    public void Precedence_and_associativity_follow_the_language(string text, double expected)
    {
        Assert.Equal(expected, Eval(text), 15);
    }

    [Fact]
    public void Unary_minus_binds_looser_than_power()
    {
        Assert.Equal(-9, Eval("-x^2", ("x", 3)));
        Assert.Equal(-9, Eval("-x**2", ("x", -3)));
    }

    [Fact]
    public void A_literal_exponent_is_a_constant_exponent_so_a_negative_base_works()
    {
        Value x = -2;
        var f = Expression.Parse("x^2 + x^(1/2 + 1/2) + pow(x, 3)").Evaluate(new Dictionary<string, Value> { ["x"] = x });
        f.Backward();

        Assert.Equal(4 - 2 - 8, f.Data);
        Assert.Equal(2 * -2 + 1 + 3 * 4, x.Grad);
        Assert.Equal("+", f.Op);
    }

    [Fact]
    public void A_variable_exponent_is_differentiable()
    {
        Value x = 2, y = 3;
        var f = Expression.Parse("x^y").Evaluate(new Dictionary<string, Value> { ["x"] = x, ["y"] = y });
        f.Backward();

        Assert.Equal("pow", f.Op);
        Assert.Equal(12, x.Grad, 14);
        Assert.Equal(8 * Math.Log(2), y.Grad, 14);
    }

    [Fact]
    public void Every_function_of_the_language_evaluates()
    {
        foreach (var name in Expression.Functions)
        {
            var text = name is "pow" or "atan2" or "max" or "min" ? $"{name}(x, 0.5)" : $"{name}(x)";
            var value = Eval(text, ("x", name == "acosh" ? 1.5 : 0.3));
            Assert.True(double.IsFinite(value), text);
        }

        Assert.Equal(Math.Atan2(1, -1), Eval("atan2(y, x)", ("y", 1), ("x", -1)), 15);
    }

    [Fact]
    public void Variables_are_listed_in_order_of_first_appearance()
    {
        Assert.Equal(new[] { "z", "x", "y_2" }, Expression.Parse("z * sin(x) + x / y_2 - z").Variables);
    }

    [Fact]
    public void A_variable_used_twice_is_one_node_so_its_gradient_accumulates()
    {
        Value x = 3;
        Expression.Parse("x * x").Evaluate(new Dictionary<string, Value> { ["x"] = x }).Backward();

        Assert.Equal(6, x.Grad);
    }

    [Fact]
    public void The_same_expression_runs_forward_mode_with_duals()
    {
        var expression = Expression.Parse("sin(x) * y + exp(x / y)");
        var (_, tangent) = Diff.Jvp(
            v => expression.Evaluate(new Dictionary<string, Dual> { ["x"] = v[0], ["y"] = v[1] }), [0.5, 2.0], [1.0, 0.0]);

        Assert.Equal(Math.Cos(0.5) * 2 + Math.Exp(0.25) / 2, tangent, 15);
    }

    [Fact]
    public void A_long_chain_evaluates_without_recursion()
    {
        var text = string.Join("+", Enumerable.Repeat("x", 100_000));
        Value x = 1;
        var f = Expression.Parse(text).Evaluate(new Dictionary<string, Value> { ["x"] = x });
        f.Backward();

        Assert.Equal(100_000, f.Data);
        Assert.Equal(100_000, x.Grad);
    }

    [Theory]
    [InlineData("(x+)*z", 4, "expected a number, a variable, a function call or '(' but found ')'")]
    [InlineData("(x+y", 5, "expected ')' to close the '(' at column 1 but found end of input")]
    [InlineData("x y", 3, "expected an operator (+ - * / ^) or the end of the expression but found 'y'")]
    [InlineData("x # 2", 3, "unexpected character '#'")]
    [InlineData("1e+", 2, "malformed number '1e+'")]
    [InlineData("", 1, "expected an expression but found end of input")]
    [InlineData("max(x)", 1, "max takes 2 arguments but was given 1")]
    [InlineData("sin(x, y)", 1, "sin takes 1 argument but was given 2")]
    [InlineData("exp + 1", 1, "'exp' is a function")]
    [InlineData("2 *", 4, "but found end of input")]
    public void A_parse_error_names_the_column_and_what_was_expected(string text, int column, string message)
    {
        var error = Assert.Throws<ExpressionParseException>(() => Expression.Parse(text));

        Assert.Equal(column, error.Column);
        Assert.Contains(message, error.Message);
        Assert.StartsWith($"column {column}: ", error.Message);
    }

    [Fact]
    public void An_unknown_function_lists_the_known_ones()
    {
        var error = Assert.Throws<ExpressionParseException>(() => Expression.Parse("1 + foo(x)"));

        Assert.Equal(5, error.Column);
        Assert.Contains("unknown function 'foo'", error.Message);
        Assert.Contains("sqrt, exp, log, sin, cos, tan, asin, acos, atan, sinh, cosh, tanh, asinh, acosh, atanh, sigmoid, relu, abs, pow, atan2, max, min", error.Message);
    }

    [Fact]
    public void Deep_nesting_is_a_parse_error_not_a_stack_overflow()
    {
        var text = new string('(', 10_000) + "x" + new string(')', 10_000);

        var error = Assert.Throws<ExpressionParseException>(() => Expression.Parse(text));

        Assert.Contains("nests deeper than", error.Message);
    }

    [Fact]
    public void A_missing_variable_is_named()
    {
        var error = Assert.Throws<ArgumentException>(() =>
            Expression.Parse("x * y").Evaluate(new Dictionary<string, Value> { ["x"] = 1 }));

        Assert.Contains("no value for variable 'y'", error.Message);
    }

    [Theory]
    [InlineData("log(x)", -1, "log", "log: argument -1 is outside its domain (0, ∞)")]
    [InlineData("sqrt(x)", -4, "sqrt", "sqrt: argument -4 is outside its domain [0, ∞)")]
    [InlineData("acosh(x)", 0.5, "acosh", "acosh: argument 0.5 is outside its domain [1, ∞)")]
    [InlineData("asin(x)", 2, "asin", "asin: argument 2 is outside its domain [-1, 1]")]
    [InlineData("acos(x)", -2, "acos", "acos: argument -2 is outside its domain [-1, 1]")]
    [InlineData("atanh(x)", 1, "atanh", "atanh: argument 1 is outside its domain (-1, 1)")]
    [InlineData("1 / x", 0, "/", "/: division by zero (1 / 0)")]
    [InlineData("x^0.5", -2, "^0.5", "pow: base -2 with exponent 0.5 is outside its domain")]
    [InlineData("exp(x)", 1000, "exp", "exp: the result at argument 1000 overflows")]
    public void Checked_evaluation_names_the_op_and_the_argument_outside_its_domain(string text, double x, string op, string message)
    {
        var expression = Expression.Parse(text);
        var bindings = new Dictionary<string, Value> { ["x"] = x };

        var error = Assert.Throws<ScalarDomainException>(() => expression.Evaluate(bindings, checkDomains: true));
        var unchecked_ = expression.Evaluate(bindings);

        Assert.Equal(op, error.Op);
        Assert.StartsWith(message, error.Message);
        Assert.False(double.IsFinite(unchecked_.Data)); // unchecked: NaN or ±∞, like PyTorch
    }
}
