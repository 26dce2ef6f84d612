using System.Globalization;
using System.Reflection;
using System.Runtime.CompilerServices;
using System.Text;

namespace Gradwire.Tests.Api;

/// <summary>
/// The public surface of an assembly as sorted text lines, by reflection: one line per public type and one per
/// public or protected member (protected only where a user can derive: the type is not sealed), each line fully
/// qualified so the sort groups a type's members under it. Compiler-generated members (a record's Equals,
/// PrintMembers, Clone) are implied by the type's kind and not listed.
/// </summary>
internal static class PublicApi
{
    private const BindingFlags Declared =
        BindingFlags.Public | BindingFlags.NonPublic | BindingFlags.Instance | BindingFlags.Static | BindingFlags.DeclaredOnly;

    public static IReadOnlyList<string> Lines(Assembly assembly)
    {
        var lines = new List<string>();
        foreach (var type in assembly.GetExportedTypes())
        {
            lines.Add(TypeLine(type));
            foreach (var member in type.GetMembers(Declared))
            {
                var line = MemberLine(type, member);
                if (line is not null)
                {
                    lines.Add(line);
                }
            }
        }

        lines.Sort(StringComparer.Ordinal);
        return lines;
    }

    private static string TypeLine(Type type)
    {
        var kind = type.IsEnum ? "enum"
            : type.IsInterface ? "interface"
            : typeof(Delegate).IsAssignableFrom(type.BaseType) ? "delegate"
            : type.IsValueType ? (IsRecord(type) ? "record struct" : "struct")
            : IsRecord(type) ? "record"
            : "class";
        var modifiers = type.IsAbstract && type.IsSealed ? "static "
            : type.IsInterface || type.IsValueType || type.IsEnum ? ""
            : type.IsSealed && kind != "delegate" ? "sealed "
            : type.IsAbstract ? "abstract " : "";
        var bases = new List<string>();
        if (type.BaseType is { } b && b != typeof(object) && b != typeof(ValueType) && b != typeof(Enum)
            && b != typeof(MulticastDelegate))
        {
            bases.Add(Name(b));
        }

        foreach (var i in type.GetInterfaces().OrderBy(i => Name(i), StringComparer.Ordinal))
        {
            if (type.BaseType is null || !i.IsAssignableFrom(type.BaseType))
            {
                bases.Add(Name(i));
            }
        }

        if (kind == "delegate")
        {
            var invoke = type.GetMethod("Invoke")!;
            return $"{Name(type)} : public {modifiers}delegate {Name(invoke.ReturnType)} ({Parameters(invoke)})";
        }

        return $"{Name(type)} : public {modifiers}{kind}" + (bases.Count > 0 ? " : " + string.Join(", ", bases) : "");
    }

    private static string? MemberLine(Type type, MemberInfo member)
    {
        if (member.Name.StartsWith('<') || member.IsDefined(typeof(CompilerGeneratedAttribute), false) || member is Type)
        {
            return null;
        }

        var prefix = Name(type) + "::";
        switch (member)
        {
            case ConstructorInfo c when Visible(c, type) && !c.IsStatic:
                return $"{prefix}.ctor({Parameters(c)}) : {Access(c)}";
            case MethodInfo m when Visible(m, type) && !m.IsSpecialName:
                return $"{prefix}{m.Name}{GenericArguments(m)}({Parameters(m)}) -> {Name(m.ReturnType)} : {Access(m)}{MethodModifiers(m, type)}";
            case MethodInfo m when Visible(m, type) && m.IsSpecialName && m.Name.StartsWith("op_", StringComparison.Ordinal):
                return $"{prefix}{m.Name}({Parameters(m)}) -> {Name(m.ReturnType)} : {Access(m)}{MethodModifiers(m, type)}";
            case PropertyInfo p:
                var accessors = new List<string>();
                if (p.GetMethod is { } get && Visible(get, type))
                {
                    accessors.Add(Access(get) + " get");
                }

                if (p.SetMethod is { } set && Visible(set, type))
                {
                    var init = set.ReturnParameter.GetRequiredCustomModifiers().Any(t => t.FullName == "System.Runtime.CompilerServices.IsExternalInit");
                    accessors.Add(Access(set) + (init ? " init" : " set"));
                }

                if (accessors.Count == 0)
                {
                    return null;
                }

                var any = p.GetMethod ?? p.SetMethod!;
                var index = p.GetIndexParameters();
                var indexText = index.Length == 0 ? "" : "[" + string.Join(", ", index.Select(i => Name(i.ParameterType))) + "]";
                return $"{prefix}{p.Name}{indexText} -> {Name(p.PropertyType)} {{ {string.Join("; ", accessors)} }}{MethodModifiers(any, type)}";
            case FieldInfo f when (f.IsPublic || (!type.IsSealed && (f.IsFamily || f.IsFamilyOrAssembly))) && !f.IsSpecialName:
                var value = f.IsLiteral ? " = " + Literal(f.GetRawConstantValue()) : "";
                var fieldModifiers = f.IsLiteral ? "const" : (f.IsStatic ? "static " : "") + (f.IsInitOnly ? "readonly" : "mutable");
                return $"{prefix}{f.Name} -> {Name(f.FieldType)} : {(f.IsPublic ? "public" : "protected")} {fieldModifiers}{value}";
            case EventInfo e when e.AddMethod is { } add && Visible(add, type):
                return $"{prefix}{e.Name} -> event {Name(e.EventHandlerType!)} : {Access(add)}{MethodModifiers(add, type)}";
            default:
                return null;
        }
    }

    private static bool Visible(MethodBase m, Type type) =>
        m.IsPublic || (!type.IsSealed && (m.IsFamily || m.IsFamilyOrAssembly));

    private static string Access(MethodBase m) => m.IsPublic ? "public" : "protected";

    private static string MethodModifiers(MethodInfo m, Type type)
    {
        if (m.IsStatic)
        {
            return m.IsAbstract ? " static abstract" : m.IsVirtual ? " static virtual" : " static";
        }

        if (m.IsAbstract && !type.IsInterface)
        {
            return " abstract";
        }

        if (m.IsVirtual && !m.IsFinal && !type.IsInterface)
        {
            return m.GetBaseDefinition().DeclaringType == m.DeclaringType ? " virtual" : " override";
        }

        return m.IsVirtual && m.GetBaseDefinition().DeclaringType != m.DeclaringType && !type.IsInterface ? " sealed override" : "";
    }

    private static string GenericArguments(MethodInfo m) =>
        m.IsGenericMethodDefinition ? "<" + string.Join(", ", m.GetGenericArguments().Select(a => a.Name)) + ">" : "";

    private static string Parameters(MethodBase m) => string.Join(", ", m.GetParameters().Select(Parameter));

    private static string Parameter(ParameterInfo p)
    {
        var text = new StringBuilder();
        if (p.IsDefined(typeof(ParamArrayAttribute), false))
        {
            text.Append("params ");
        }

        var type = p.ParameterType;
        if (type.IsByRef)
        {
            text.Append(p.IsOut ? "out " : p.IsIn ? "in " : "ref ");
            type = type.GetElementType()!;
        }

        text.Append(Name(type)).Append(' ').Append(p.Name);
        if (p.HasDefaultValue)
        {
            text.Append(" = ").Append(Literal(p.RawDefaultValue));
        }

        return text.ToString();
    }

    private static string Literal(object? value) => value switch
    {
        null => "null",
        string s => "\"" + s + "\"",
        bool b => b ? "true" : "false",
        double d => d.ToString("R", CultureInfo.InvariantCulture),
        float f => f.ToString("R", CultureInfo.InvariantCulture),
        IFormattable f => f.ToString(null, CultureInfo.InvariantCulture),
        _ => value.ToString() ?? "",
    };

    private static bool IsRecord(Type type) =>
        type.GetMethod("<Clone>$") is not null
        || type.GetProperty("EqualityContract", BindingFlags.Instance | BindingFlags.NonPublic) is not null
        || (type.IsValueType && type.GetMethod("PrintMembers", BindingFlags.Instance | BindingFlags.NonPublic) is not null);

    /// <summary>A type as C# would write it, namespaces included, C# keywords for the built-in types.</summary>
    internal static string Name(Type type)
    {
        if (type.IsGenericParameter)
        {
            return type.Name;
        }

        if (type.IsByRef)
        {
            return "ref " + Name(type.GetElementType()!);
        }

        if (type.IsPointer)
        {
            return Name(type.GetElementType()!) + "*";
        }

        if (type.IsArray)
        {
            return Name(type.GetElementType()!) + "[" + new string(',', type.GetArrayRank() - 1) + "]";
        }

        if (Nullable.GetUnderlyingType(type) is { } underlying)
        {
            return Name(underlying) + "?";
        }

        var keyword = Type.GetTypeCode(type) switch
        {
            TypeCode.Boolean => "bool",
            TypeCode.Byte => "byte",
            TypeCode.SByte => "sbyte",
            TypeCode.Char => "char",
            TypeCode.Int16 => "short",
            TypeCode.UInt16 => "ushort",
            TypeCode.Int32 => "int",
            TypeCode.UInt32 => "uint",
            TypeCode.Int64 => "long",
            TypeCode.UInt64 => "ulong",
            TypeCode.Single => "float",
            TypeCode.Double => "double",
            TypeCode.Decimal => "decimal",
            TypeCode.String => "string",
            _ => null,
        };
        if (keyword is not null && !type.IsEnum)
        {
            return keyword;
        }

        if (type == typeof(object))
        {
            return "object";
        }

        if (type == typeof(void))
        {
            return "void";
        }

        var name = type.IsNested ? Name(type.DeclaringType!) + "." + type.Name : type.Namespace + "." + type.Name;
        if (!type.IsGenericType)
        {
            return name;
        }

        var tick = name.IndexOf('`', StringComparison.Ordinal);
        var bare = tick < 0 ? name : name[..tick];
        // Only this type's own arguments (a nested type repeats its declaring type's).
        var own = type.GetGenericArguments().Skip(type.IsNested ? type.DeclaringType!.GetGenericArguments().Length : 0).ToArray();
        return own.Length == 0 ? bare : bare + "<" + string.Join(", ", own.Select(Name)) + ">";
    }
}
