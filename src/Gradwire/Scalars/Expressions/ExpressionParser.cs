using System.Globalization;

namespace Gradwire.Scalars.Expressions;

/// <summary>
/// Recursive descent over the grammar of DESIGN.md's expression language:
/// <code>
/// expression := additive END
/// additive   := term (('+' | '-') term)*
/// term       := unary (('*' | '/') unary)*
/// unary      := ('-' | '+') unary | power
/// power      := primary (('^' | '**') unary)?        right-associative, tighter than unary minus
/// primary    := NUMBER | NAME | NAME '(' additive (',' additive)* ')' | '(' additive ')'
/// </code>
/// So <c>-x^2</c> is <c>-(x^2)</c>, <c>a^b^c</c> is <c>a^(b^c)</c> and <c>x^-1</c> is allowed. An exponent without
/// variables becomes a constant exponent (<see cref="ScalarOp.PowConst"/>), so <c>x^2</c> works for x &lt; 0 like PyTorch's <c>x**2</c>.
/// </summary>
internal sealed class ExpressionParser
{
    private const int MaxDepth = 500;
    private readonly string _text;
    private readonly List<Token> _tokens;
    private int _position;
    private int _depth;

    private ExpressionParser(string text)
    {
        _text = text;
        _tokens = Tokenize(text);
    }

    private Token Current => _tokens[_position];

    public static ExpressionNode Parse(string text)
    {
        var parser = new ExpressionParser(text);
        if (parser.Current.Kind == TokenKind.End)
        {
            throw new ExpressionParseException(1, "expected an expression but found end of input");
        }

        var root = parser.ParseAdditive();
        if (parser.Current.Kind != TokenKind.End)
        {
            throw new ExpressionParseException(parser.Current.Column,
                $"expected an operator (+ - * / ^) or the end of the expression but found {Describe(parser.Current)}");
        }

        return root;
    }

    private ExpressionNode ParseAdditive()
    {
        var left = ParseTerm();
        while (Current.Kind is TokenKind.Plus or TokenKind.Minus)
        {
            var op = Current.Kind == TokenKind.Plus ? ScalarOp.Add : ScalarOp.Sub;
            var column = Next().Column;
            left = new OperationNode(op, left, ParseTerm(), 0, column);
        }

        return left;
    }

    private ExpressionNode ParseTerm()
    {
        var left = ParseUnary();
        while (Current.Kind is TokenKind.Star or TokenKind.Slash)
        {
            var op = Current.Kind == TokenKind.Star ? ScalarOp.Mul : ScalarOp.Div;
            var column = Next().Column;
            left = new OperationNode(op, left, ParseUnary(), 0, column);
        }

        return left;
    }

    private ExpressionNode ParseUnary()
    {
        if (Current.Kind is not (TokenKind.Minus or TokenKind.Plus))
        {
            return ParsePower();
        }

        var sign = Next();
        Enter(sign.Column);
        var operand = ParseUnary();
        _depth--;
        if (sign.Kind == TokenKind.Plus)
        {
            return operand;
        }

        // A negative literal is a number, not an op: -2 in x^-2 is a constant exponent.
        return operand is NumberNode number
            ? new NumberNode(-number.Value, sign.Column)
            : new OperationNode(ScalarOp.Neg, operand, null, 0, sign.Column);
    }

    private ExpressionNode ParsePower()
    {
        var basis = ParsePrimary();
        if (Current.Kind != TokenKind.Caret)
        {
            return basis;
        }

        var column = Next().Column;
        Enter(column);
        var exponent = ParseUnary();
        _depth--;
        return MakePower(basis, exponent, column);
    }

    private static OperationNode MakePower(ExpressionNode basis, ExpressionNode exponent, int column)
    {
        if (!ExpressionEvaluator.HasVariables(exponent))
        {
            var constant = ExpressionEvaluator.EvaluateConstant(exponent);
            if (double.IsFinite(constant))
            {
                return new OperationNode(ScalarOp.PowConst, basis, null, constant, column);
            }
        }

        return new OperationNode(ScalarOp.Pow, basis, exponent, 0, column);
    }

    private ExpressionNode ParsePrimary()
    {
        var token = Current;
        switch (token.Kind)
        {
            case TokenKind.Number:
                Next();
                return new NumberNode(token.Number, token.Column);
            case TokenKind.LeftParenthesis:
            {
                Next();
                Enter(token.Column);
                var inner = ParseAdditive();
                _depth--;
                Expect(TokenKind.RightParenthesis, $"')' to close the '(' at column {token.Column}");
                return inner;
            }

            case TokenKind.Name when _tokens[_position + 1].Kind == TokenKind.LeftParenthesis:
                return ParseCall();
            case TokenKind.Name when ExpressionFunctions.TryFind(token.Text, out _, out var arity):
                throw new ExpressionParseException(token.Column,
                    $"'{token.Text}' is a function: expected '(' and {arity} argument{(arity == 1 ? "" : "s")} after it");
            case TokenKind.Name when Expression.TryConstant(token.Text, out var constant):
                Next();
                return new NumberNode(constant, token.Column);
            case TokenKind.Name:
                Next();
                return new VariableNode(token.Text, token.Column);
            default:
                throw new ExpressionParseException(token.Column,
                    $"expected a number, a variable, a function call or '(' but found {Describe(token)}");
        }
    }

    private OperationNode ParseCall()
    {
        var name = Next();
        if (!ExpressionFunctions.TryFind(name.Text, out var op, out var arity))
        {
            throw new ExpressionParseException(name.Column,
                $"unknown function '{name.Text}'{Hint(name.Text)}; known functions: {string.Join(", ", ExpressionFunctions.Names)}");
        }

        var open = Next();
        Enter(open.Column);
        var arguments = new List<ExpressionNode> { ParseAdditive() };
        while (Current.Kind == TokenKind.Comma)
        {
            Next();
            arguments.Add(ParseAdditive());
        }

        _depth--;
        Expect(TokenKind.RightParenthesis, arguments.Count < arity
            ? $"',' and the next argument of {name.Text} (it takes {arity})"
            : $"')' to close the call of {name.Text} at column {name.Column}");
        if (arguments.Count != arity)
        {
            throw new ExpressionParseException(name.Column,
                $"{name.Text} takes {arity} argument{(arity == 1 ? "" : "s")} but was given {arguments.Count}");
        }

        return op == ScalarOp.Pow
            ? MakePower(arguments[0], arguments[1], name.Column)
            : new OperationNode(op, arguments[0], arity == 2 ? arguments[1] : null, 0, name.Column);
    }

    /// <summary>" (did you mean 'sqrt'?)" for a name close to a known function, else "".</summary>
    private static string Hint(string name)
    {
        var phrase = DidYouMean.Phrase(name, ExpressionFunctions.Names);
        return phrase.Length == 0 ? "" : $" ({phrase})";
    }

    private void Expect(TokenKind kind, string what)
    {
        if (Current.Kind != kind)
        {
            throw new ExpressionParseException(Current.Column, $"expected {what} but found {Describe(Current)}");
        }

        Next();
    }

    private void Enter(int column)
    {
        if (++_depth > MaxDepth)
        {
            throw new ExpressionParseException(column, $"the expression nests deeper than {MaxDepth} levels");
        }
    }

    private Token Next() => _tokens[_position++];

    private static string Describe(Token token) => token.Kind switch
    {
        TokenKind.End => "end of input",
        TokenKind.Number => $"the number {token.Text}",
        TokenKind.Name => $"'{token.Text}'",
        _ => $"'{token.Text}'",
    };

    private static List<Token> Tokenize(string text)
    {
        var tokens = new List<Token>();
        var i = 0;
        while (i < text.Length)
        {
            var c = text[i];
            var column = i + 1;
            if (char.IsWhiteSpace(c))
            {
                i++;
                continue;
            }

            if (char.IsAsciiDigit(c) || (c == '.' && i + 1 < text.Length && char.IsAsciiDigit(text[i + 1])))
            {
                var start = i;
                while (i < text.Length && char.IsAsciiDigit(text[i]))
                {
                    i++;
                }

                if (i < text.Length && text[i] == '.')
                {
                    i++;
                    while (i < text.Length && char.IsAsciiDigit(text[i]))
                    {
                        i++;
                    }
                }

                if (i < text.Length && text[i] is 'e' or 'E')
                {
                    var mark = i;
                    i++;
                    if (i < text.Length && text[i] is '+' or '-')
                    {
                        i++;
                    }

                    if (i >= text.Length || !char.IsAsciiDigit(text[i]))
                    {
                        throw new ExpressionParseException(mark + 1,
                            $"malformed number '{text[start..i]}': expected digits after the exponent marker");
                    }

                    while (i < text.Length && char.IsAsciiDigit(text[i]))
                    {
                        i++;
                    }
                }

                var literal = text[start..i];
                var number = double.Parse(literal, NumberStyles.Float, CultureInfo.InvariantCulture);
                if (!double.IsFinite(number))
                {
                    throw new ExpressionParseException(column,
                        $"number '{literal}' is out of range (larger than {double.MaxValue:R})");
                }

                tokens.Add(new Token(TokenKind.Number, literal, column, number));
                continue;
            }

            if (char.IsAsciiLetter(c) || c == '_')
            {
                var start = i;
                while (i < text.Length && (char.IsAsciiLetterOrDigit(text[i]) || text[i] == '_'))
                {
                    i++;
                }

                tokens.Add(new Token(TokenKind.Name, text[start..i], column, 0));
                continue;
            }

            if (c == '*' && i + 1 < text.Length && text[i + 1] == '*')
            {
                tokens.Add(new Token(TokenKind.Caret, "**", column, 0));
                i += 2;
                continue;
            }

            var kind = c switch
            {
                '+' => TokenKind.Plus,
                '-' => TokenKind.Minus,
                '*' => TokenKind.Star,
                '/' => TokenKind.Slash,
                '^' => TokenKind.Caret,
                '(' => TokenKind.LeftParenthesis,
                ')' => TokenKind.RightParenthesis,
                ',' => TokenKind.Comma,
                _ => throw new ExpressionParseException(column,
                    $"unexpected character '{c}': expected a number, a name, an operator (+ - * / ^ **), a parenthesis or a comma"),
            };
            tokens.Add(new Token(kind, c.ToString(), column, 0));
            i++;
        }

        tokens.Add(new Token(TokenKind.End, "", text.Length + 1, 0));
        tokens.Add(new Token(TokenKind.End, "", text.Length + 1, 0)); // lookahead past the end is safe
        return tokens;
    }

    private enum TokenKind
    {
        Number,
        Name,
        Plus,
        Minus,
        Star,
        Slash,
        Caret,
        LeftParenthesis,
        RightParenthesis,
        Comma,
        End,
    }

    private readonly record struct Token(TokenKind Kind, string Text, int Column, double Number);
}
