"""The Tengo interpreter behind Vale's `script` rules: the language, the modules, the budget, and `copydesk vale`
on script rules of our own."""

from __future__ import annotations

import json
import math
import re
import time

import pytest
from click.testing import CliRunner

from linter.cli import main
from linter.vale.tengo import (
    BudgetExceeded,
    Limits,
    TengoCompileError,
    TengoError,
    TengoRuntimeError,
    TengoSyntaxError,
    compile_script,
    run_script,
)

FLAGS = ["--output=line", "--sort", "--relative", "--no-global"]


def value(source: str, name: str = "out", **variables):
    return run_script(source, variables)[name]


# the language


@pytest.mark.parametrize(
    "source, expected",
    [
        ("out := 1 + 2 * 3", 7),
        ("out := (1 + 2) * 3", 9),
        ("out := 1 + 2 * 3 << 1 - 4 / 3", 12),  # `<<` binds as `*`: 1 + ((2*3) << 1) - (4/3)
        ("out := 7 & 3 | 8 ^ 1", 10),  # `&` binds as `*`, `|` and `^` as `+`: ((7&3)|8)^1
        ("out := 1 < 2 == true", True),
        ("out := false && true || true", True),
        ("out := 0 || 5", 5),  # `||` and `&&` give an operand, not a bool
        ('out := 1 && "x"', "x"),
        ("out := -7 / 2", -3),  # Go truncates toward zero
        ("out := -7 % 2", -1),
        ("out := 6 &^ 3", 4),
        ("out := ^5", -6),
        ("out := 9223372036854775807 + 1", -9223372036854775808),  # int64 wraps
        ("out := 1 << 64", 0),
        ("out := -8 >> 1", -4),
        ("out := 5 / 2.0", 2.5),
        ("out := 1.5 + 1", 2.5),
        ("out := 1 == 1.0", True),
        ("out := 1 != 1.0", False),
        ('out := "a" == "a"', True),
        ('out := "abc" < "abd"', True),
        ("out := [1, [2]] == [1, [2]]", True),
        ("out := {a: 1} == {a: 1}", True),
        ("out := true ? 1 : 2", 1),
        ("out := 0 ? 1 : 2", 2),
        ("out := 0.0 ? 1 : 2", 1),  # 0.0 is truthy in Tengo; only NaN is a falsy float
        ("out := [] ? 1 : 2", 2),
        ("out := !undefined", True),
        ("out := 1 > 2 ? 3 : 4 > 3 ? 5 : 6", 5),
    ],
)
def test_operators_and_precedence(source, expected):
    result = value(source)
    assert result == expected and type(result) is type(expected)


@pytest.mark.parametrize(
    "source, expected",
    [
        ('s := "héllo"; out := len(s)', 6),  # bytes
        ('s := "héllo"; out := s[1]', "é"),  # a char, indexed by character
        ('s := "héllo"; out := s[1:3]', "é"),  # a slice, by bytes
        ('s := "héllo"; out := s[1:2]', "\ufffd"),  # half a character is not UTF-8
        ('out := "abc"[5]', None),
        ('out := "abc"[1:]', "bc"),
        ('out := "abc"[-5:10]', "abc"),  # bounds are clamped
        ("out := [1, 2, 3, 4][1:3]", [2, 3]),
        ("out := [1, 2, 3][5]", None),
        ("out := [1, 2, 3][-1]", None),
        ("out := 'a' + 1", "b"),
        ("out := 'b' - 'a'", "\x01"),
        ("out := 'a' < 'b'", True),
        ('out := "x" + 1 + 2.5 + true', "x12.5true"),
        ('out := "x" + [1, "y"]', 'x[1, "y"]'),
        ("out := string(1.0) + string(0.000001) + string(1e21)", "10.0000011000000000000000000000"),
        (
            'out := [int("12"), int("x"), int("x", -1), int(3.9), int(-3.9), int(true), int(\'A\')]',
            [12, None, -1, 3, -3, 1, 65],
        ),
        (
            'out := [float("2.5"), float(2), bool(0), bool("a"), char(65), char("A")]',
            [2.5, 2.0, False, True, "A", None],
        ),
        ("out := [string(undefined), string(undefined, \"d\"), string('x'), string([1])]", [None, "d", "x", "[1]"]),
        (
            "out := type_name([]) + type_name({}) + type_name(immutable([])) + type_name(1.5)",
            "arraymapimmutable-arrayfloat",
        ),
        (
            "out := type_name(func() {}) + type_name(len) + type_name(error(1))",
            "compiled-functionbuiltin-function:lenerror",
        ),
    ],
)
def test_values_strings_and_conversions(source, expected):
    assert value(source) == expected


def test_literals_read_as_go_reads_them():
    source = r"""out := [1., .5, 1e3, 0x1F, 0b101, 0o17, 017, 1_000, 0x1p-2, '\'', '九' > '9', "\u00e9\x41\101", `a\nb`]
"""
    assert value(source) == [1.0, 0.5, 1000.0, 31, 5, 15, 15, 1000, 0.25, "'", True, "éAA", "a\\nb"]


def test_a_line_break_ends_a_statement_even_inside_a_comment():
    assert value("a := 1 /* one\n */ b := 2\nout := a + b") == 3
    with pytest.raises(TengoSyntaxError):
        compile_script("a := 1 /* one */ b := 2")


def test_closures_capture_variables_not_values():
    source = """
counter := func() {
  n := 0
  return {inc: func() { n += 1; return n }, get: func() { return n }}
}
c := counter()
c.inc(); c.inc()
d := counter()
d.inc()
out := [c.get(), d.get()]
"""
    assert value(source) == [2, 1]


def test_recursion_variadic_functions_and_spread():
    source = """
fib := func(n) { return n < 2 ? n : fib(n - 1) + fib(n - 2) }
f := func(a, ...rest) { return [a, rest] }
g := func(a, b, c) { return a + b + c }
out := [fib(20), f(1), f(1, 2, 3), g([1, 2, 3]...), g(1, [2, 3]...)]
"""
    assert value(source) == [6765, [1, []], [1, [2, 3]], 6, 6]


def test_a_brace_that_starts_a_statement_is_a_map_not_a_block():
    assert value("out := 0\n{a: 1}") == 0
    with pytest.raises(TengoSyntaxError):
        compile_script("{ a := 1 }")


def test_a_function_calling_itself_in_tail_position_reuses_its_frame():
    source = """
count := func(n, total) { if n == 0 { return total }; return count(n - 1, total + n) }
c := 0
tick := func(n) { if n == 0 { return }; c++; tick(n - 1) }
tick(5000)
out := [count(5000, 0), c]
"""
    assert value(source) == [5000 * 5001 // 2, 5000]  # 5,000 deep; other calls stop at 1,024


def test_a_function_without_return_gives_undefined():
    assert value("out := func() { a := 1 }()") is None


def test_statements_loops_and_scopes():
    source = """
total := 0
for i := 0; i < 10; i++ {
  if i % 2 == 0 { continue }
  if i > 7 { break }
  total += i
}
n := 0
for n < 5 { n++ }
k := 0
for { k += 2; if k >= 6 { break } }
keys := ""
for key, v in {a: 1} { keys += key + string(v) }
chars := []
for i, c in "aé" { chars = append(chars, [i, c]) }
only := []
for v in [7, 8] { only = append(only, v) }
x := 1
if y := x * 10; y > 5 { x = y } else { x = -1 }
shadow := 1
if true { shadow := 2; shadow += 1 }
m := {a: {b: [1, 2]}}
m.a.b[1] *= 10
m["c"] = "new"
m.a.b[0]--
out := [total, n, k, keys, chars, only, x, shadow, m]
"""
    assert value(source) == [
        1 + 3 + 5 + 7,
        5,
        6,
        "a1",
        [[0, "a"], [1, "é"]],
        [7, 8],
        10,
        1,
        {"a": {"b": [0, 20]}, "c": "new"},
    ]


def test_arrays_and_maps_are_shared_until_copied():
    source = """
a := [1, 2]
b := a
c := copy(a)
a[0] = 9
out := [b[0], c[0]]
"""
    assert value(source) == [9, 1]


def test_builtins():
    source = """
a := [1, 2, 3]
removed := splice(a, 1, 1, "x", "y")
m := {k: 1, j: 2}
delete(m, "k")
out := [
  len("héllo"), len([1, 2]), len({a: 1}), append([1], 2, 3), removed, a, m,
  range(0, 10, 3), range(3, 0), is_error(error(1)), is_undefined(undefined), is_string("s"), is_int(1.0),
  is_callable(len), is_iterable(1), is_immutable_array(immutable([1])), format("%d-%s-%q-%v-%5.2f|%-4d|%04d|%x|%t", 7,
  "s", "q", [1, "a"], 3.14159, 1, 2, 255, true), format("%v %v %v", 1.5, 1e6, 0.0001), format("%d %d", 1)
]
"""
    assert value(source) == [
        6,
        2,
        1,
        [1, 2, 3],
        [2],
        [1, "x", "y", 3],
        {"j": 2},
        [0, 3, 6, 9],
        [3, 2, 1],
        True,
        True,
        True,
        False,
        True,
        False,
        True,
        '7-s-"q"-[1, "a"]- 3.14|1   |0002|ff|true',
        "1.5 1000000 0.0001",  # `%v` is the value's String()
        "1 %!d(MISSING)",
    ]


def test_format_writes_values_as_tengo_does():
    source = """
out := [
  format("%v|%s|%T|%c|%q|%e|%g|%X|%+d|%08.3f|%-4s|%4s", "hi", "hi", 1.5, 65, 97, 1234.5678, 1e6, "hi", 5, -3.14159,
  "ab", "ab"),
  format("%d", "x"), format("%d", 1, 2), format("%t", 1)
]
"""
    assert value(source) == [
        "\"hi\"|hi|float|A|'a'|1.234568e+03|1e+06|6869|+5|-003.142|ab  |  ab",  # `%v` of a string is quoted
        '%!d(string="x")',
        "1%!(EXTRA int=2)",
        "%!t(int=1)",
    ]


def test_time_values():
    source = """
t := time(1700000000)
u := t + 1500000000
out := [string(t), string(u), u - t, t < u, is_time(t), type_name(t), time("x"), t == time(1700000000)]
"""
    assert value(source) == [
        "2023-11-14 22:13:20 +0000 UTC",  # a script has no time zone: UTC
        "2023-11-14 22:13:21.5 +0000 UTC",
        1500000000,
        True,
        True,
        "time",
        None,
        True,
    ]


def test_error_values():
    source = """
e := error("oops")
out := [is_error(e), e.value, string(e), e ? 1 : 2, error([1]).value[0]]
"""
    assert value(source) == [True, "oops", 'error: "oops"', 2, 1]


def test_immutable_values_cannot_be_changed():
    with pytest.raises(TengoRuntimeError) as raised:
        run_script("a := immutable({b: 1})\na.b = 2", {})
    assert str(raised.value) == "Runtime Error: not index-assignable: immutable-map\n\tat (main):2:1"
    assert value("a := immutable({c: [1]})\na.c[0] = 5\nout := a.c[0]") == 5  # only the outer map is immutable


def test_run_script_serves_a_suggestion_script():
    source = """text := import("text")
suggestions := [text.re_replace(`([a-z])([A-Z])`, match, "${1}_$2"), text.re_replace(`([a-z])([A-Z])`, match, "$1_$2")]
"""
    # Go reads `$1_` as the group named "1_", which does not exist: it is empty
    assert run_script(source, {"match": "fooBar"})["suggestions"] == ["foo_Bar", "foBar"]


def test_the_globals_come_back_as_python_values():
    result = run_script("x := scope + \"!\"\ny := [1, 2.5, true, undefined, {k: 'c'}]", {"scope": "hé"})
    assert result["scope"] == "hé" and result["x"] == "hé!"
    assert result["y"] == [1, 2.5, True, None, {"k": "c"}]
    assert "len" not in result  # builtins are not globals


# errors, as Tengo words them


@pytest.mark.parametrize(
    "source, error, message",
    [
        ("a := 1\nb := c", TengoCompileError, "Compile Error: unresolved reference 'c'\n\tat (main):2:6"),
        ("a := 1\na := 2", TengoCompileError, "Compile Error: 'a' redeclared in this block\n\tat (main):2:1"),
        ("a = 1", TengoCompileError, "Compile Error: unresolved reference 'a'\n\tat (main):1:1"),
        ("a, b := 1, 2", TengoCompileError, "Compile Error: tuple assignment not allowed\n\tat (main):1:1"),
        ("break", TengoCompileError, "Compile Error: break not allowed outside loop\n\tat (main):1:1"),
        ("return 1", TengoCompileError, "Compile Error: return not allowed outside function\n\tat (main):1:1"),
        ('os := import("os")', TengoCompileError, "Compile Error: module 'os' not found\n\tat (main):1:7"),
        (
            "f := func() { export 1 }",
            TengoCompileError,
            "Compile Error: export not allowed inside function\n\tat (main):1:15",
        ),
        ("a := [1, 2,]", TengoSyntaxError, "Parse Error: expected array element, found ']'\n\tat (main):1:12"),
        ("a := (1 + 2", TengoSyntaxError, "Parse Error: expected ')', found newline\n\tat (main):1:12"),
        ('a := "open', TengoSyntaxError, "Parse Error: string literal not terminated\n\tat (main):1:6"),
        ("a := 1 +\n\n* 2", TengoSyntaxError, "Parse Error: expected operand, found '*'\n\tat (main):3:1"),
        ("a := [1 2]", TengoSyntaxError, "Parse Error: expected ']', found 2\n\tat (main):1:9"),
        ("f(a..., 1)", TengoSyntaxError, "Parse Error: expected ')', found ','\n\tat (main):1:7"),
        ('s := "é" + x', TengoCompileError, "Compile Error: unresolved reference 'x'\n\tat (main):1:13"),  # bytes
    ],
)
def test_compile_and_parse_errors_name_the_line_and_column(source, error, message):
    with pytest.raises(error) as raised:
        compile_script(source)
    assert str(raised.value) == message


@pytest.mark.parametrize(
    "source, message",
    [
        ('a := 5\nb := a + "x"', "invalid operation: int + string\n\tat (main):2:6"),
        ("a := 5\nb := a(1)", "not callable: int\n\tat (main):2:6"),
        ("f := func(a) {}\nf(1, 2)", "wrong number of arguments: want=1, got=2\n\tat (main):2:1"),
        ("a := 1 / 0", "runtime error: integer divide by zero\n\tat (main):1:6"),
        ("a := [1]\na[3] = 1", "index out of bounds\n\tat (main):2:1"),
        ("for x in 5 {}", "not iterable: int\n\tat (main):1:1"),
        (
            "a := len(1)",
            "invalid type for argument 'first': expected array/string/bytes/map, found int\n\tat (main):1:6",
        ),
        ("a := [1][1:0]", "invalid slice index: 1 > 0\n\tat (main):1:6"),
        ('a := "abc"[:-1]', "invalid slice index: 0 > -1\n\tat (main):1:6"),
        (
            "f := func() { return f() + 1 }\nf()",
            "stack overflow" + "\n\tat (main):1:22" * 10 + "\n\t... 1015 more calls",
        ),
        (
            "b := func(c) { c(1) }\nc := func(a) { a() }\nb(c)",
            "not callable: int\n\tat (main):2:16\n\tat (main):1:16\n\tat (main):3:1",
        ),
    ],
)
def test_runtime_errors_name_the_line_and_column(source, message):
    with pytest.raises(TengoRuntimeError) as raised:
        run_script(source, {})
    assert str(raised.value) == "Runtime Error: " + message


# the modules


def test_text_module_strings():
    source = """
text := import("text")
out := [
  text.split("a,b,,c", ","), text.split_n("a,b,c", ",", 2), text.split_after("a,b", ","), text.fields(" a \\t b\\n"),
  text.join(["a", 1, 'c'], "-"), text.contains("héllo", "é"), text.contains_any("abc", "xyzc"),
  text.count("cheese", "e"),
  text.count("five", ""), text.has_prefix("# Title", "#"), text.has_suffix("a.md", ".md"), text.index("héllo", "l"),
  text.last_index("go gopher", "go"), text.index_any("héllo", "lo"), text.repeat("ab", 3),
  text.replace("oink oink oink", "k", "ky", 2), text.replace("oink oink", "oink", "moo", -1),
  text.substr("héllo", 1, 3),
  text.title("her royal highness"), text.to_upper("café"), text.to_lower("ÉTÉ"), text.trim("xxhixx", "x"),
  text.trim_left("xxhi", "x"), text.trim_right("hixx", "x"), text.trim_prefix("prefix-body", "prefix-"),
  text.trim_suffix("a.tengo", ".tengo"), text.trim_space(" \\t hi \\n"), text.pad_left("7", 3, "0"),
  text.pad_right("ab", 5, "xy"), text.pad_left("abc", 2), text.equal_fold("Go", "GO"), text.compare("a", "b")
]
"""
    assert value(source) == [
        ["a", "b", "", "c"],
        ["a", "b,c"],
        ["a,", "b"],
        ["a", "b"],
        "a-1-c",
        True,
        True,
        3,
        5,
        True,
        True,
        3,
        3,
        3,
        "ababab",
        "oinky oinky oink",
        "moo moo",
        "é",
        "Her Royal Highness",
        "CAFÉ",
        "été",
        "hi",
        "hi",
        "hi",
        "body",
        "a",
        "hi",
        "007",
        "abxyx",
        "abc",
        True,
        -1,
    ]


def test_text_module_conversions():
    source = """
text := import("text")
out := [
  text.atoi("42"), is_error(text.atoi("4x")), text.itoa(-7), text.format_int(255, 16), text.format_int(-5, 2),
  text.format_bool(true), text.format_float(3.14159, "f", 2, 64), text.parse_bool("T"), text.parse_float("1e3", 64),
  text.parse_int("ff", 16, 64), text.parse_int("0x1f", 0, 64), text.parse_int("300", 10, 8).value,
  text.quote("a\\"b\\n\\x01é"), text.unquote(`"a\\tb"`), is_error(text.unquote("nope"))
]
"""
    assert value(source) == [
        42,
        True,
        "-7",
        "ff",
        "-101",
        "true",
        "3.14",
        True,
        1000.0,
        255,
        31,
        'strconv.ParseInt: parsing "300": value out of range',
        '"a\\"b\\n\\x01é"',
        "a\tb",
        True,
    ]


def test_text_regular_expressions_are_re2_with_byte_offsets():
    source = """
text := import("text")
found := text.re_find(`(\\w+)@(\\w+)?`, "é me@ you@x", -1)
first := text.re_find(`o`, "foo")
re := text.re_compile(`a+`)
out := [
  found, first, text.re_find("z", "abc"), text.re_match(`^\\d+$`, "123"),
  text.re_replace(`(\\w+)@(\\w+)`, "me@home", "$2 at ${1}"),
  text.re_replace(`a*`, "baaac", "-"), text.re_split(`\\s*,\\s*`, "a , b,c", -1), text.re_split(`,`, "a,b,c", 2),
  re.match("caaat"), re.replace("caaat", "A"), re.find("aXaa", -1)[1][0].begin, re.split("baab", -1),
  is_error(text.re_match(`(?<=a)b`, "ab")), text.re_match(`(?<=a)b`, "ab").value
]
"""
    result = value(source)
    email = [
        [{"text": "me@", "begin": 3, "end": 6}, {"text": "me", "begin": 3, "end": 5}],
        [
            {"text": "you@x", "begin": 7, "end": 12},
            {"text": "you", "begin": 7, "end": 10},
            {"text": "x", "begin": 11, "end": 12},
        ],
    ]
    assert result == [
        email,  # "é" is two bytes: "me" begins at byte 3; the unmatched second group is left out
        [[{"text": "o", "begin": 1, "end": 2}]],
        None,
        True,
        "home at me",
        "-b-c-",  # Go's rule: no empty match right after a match
        ["a", "b", "c"],
        ["a", "b,c"],
        True,
        "cAt",
        2,
        ["b", "b"],
        True,
        "error parsing regexp: invalid perl operator: (?<=: `(?<=a)b`",
    ]


def test_regular_expressions_read_utf8_characters():
    source = """
t := import("text")
out := [t.re_find(".", "é"), t.re_find(`\\p{L}+`, "añob")[0][0].end, t.re_split("", "aé", -1),
  t.re_replace("", "aé", "-")]
"""
    assert value(source) == [[[{"text": "é", "begin": 0, "end": 2}]], 5, ["a", "é"], "-a-é-"]


def test_fmt_and_math_modules():
    source = """
fmt := import("fmt")
math := import("math")
fmt.println("printed ", 1)
out := [
  fmt.sprintf("%s=%d", "n", 3), math.sqrt(16), math.floor(-1.5), math.abs(-2), math.pow(2, 10), math.max(1, 2.5),
  math.is_nan(math.nan()), math.inf(-1) < 0, math.maxInt64, math.pi > 3.14, math.log(0), math.sqrt(-1) == math.sqrt(-1)
]
"""
    result = value(source)
    assert result[:11] == ["n=3", 4.0, -2.0, 2.0, 1024.0, 2.5, True, True, 2**63 - 1, True, -math.inf]
    assert result[11] is False  # NaN, as Go's math.Sqrt(-1)


def test_math_bessel_functions_match_the_tables():
    source = 'm := import("math")\nout := [m.j0(1), m.j0(10), m.j1(1), m.jn(2, 1), m.y0(1), m.y1(10), m.yn(2, 1)'
    source += ", m.y0(30)]"
    tables = [0.7651976865579666, -0.2459357644513483, 0.4400505857449335, 0.1149034849319005]
    tables += [0.08825696421567696, 0.24901542420695388, -1.650682606816254, -0.11729573168666413]
    assert value(source) == pytest.approx(tables, abs=1e-14)
    assert value('m := import("math")\nout := [m.y0(0), m.jn(-1, 1) == -m.j1(1)]') == [-math.inf, True]
    assert math.isnan(value('m := import("math")\nout := m.y0(-1)'))


# the budget


def test_an_endless_loop_runs_out_of_steps():
    started = time.monotonic()
    with pytest.raises(BudgetExceeded) as raised:
        run_script("for { }", {})
    assert str(raised.value) == "Budget Exceeded: the script ran more than 2,000,000 steps\n\tat (main):1:1"
    assert time.monotonic() - started < 30


def test_a_doubling_string_runs_out_of_size():
    with pytest.raises(BudgetExceeded) as raised:
        run_script('s := "ab"\nfor { s += s }', {})
    assert str(raised.value) == (
        "Budget Exceeded: the script made a string longer than 16,777,216 bytes\n\tat (main):2:7"
    )


def test_growth_through_builtins_and_arrays_is_capped_too():
    with pytest.raises(BudgetExceeded, match="array of more than 1,048,576 items"):
        run_script("a := [1]\nfor { a = a + a }", {})
    with pytest.raises(BudgetExceeded, match="string longer than"):
        run_script('t := import("text")\ns := t.repeat("ab", 100000000)', {})
    with pytest.raises(BudgetExceeded, match="items"):
        run_script("r := range(0, 100000000)", {})


def test_the_memory_budget_stops_a_script_that_keeps_large_strings():
    source = 't := import("text")\ns := t.repeat("x", 4000000)\na := []\nfor { a = append(a, s + "y") }'
    with pytest.raises(BudgetExceeded) as raised:
        run_script(source, {}, Limits(memory=64 * 2**20))
    assert str(raised.value) == "Budget Exceeded: the script used more than 64 MiB of memory\n\tat (main):4:11"


def test_the_wall_time_budget_stops_a_slow_script():
    with pytest.raises(BudgetExceeded, match="ran longer than 0.05 s"):
        run_script("for { }", {}, Limits(steps=10**12, seconds=0.05))


# `copydesk vale` with script rules


def _project(tmp_path, rules: dict[str, str], scripts: dict[str, str], document: str):
    style = tmp_path / "styles" / "House"
    style.mkdir(parents=True)
    for name, text in rules.items():
        (style / f"{name}.yml").write_text(text, encoding="utf-8")
    folder = tmp_path / "styles" / "config" / "scripts"
    folder.mkdir(parents=True)
    for name, text in scripts.items():
        (folder / name).write_text(text, encoding="utf-8")
    (tmp_path / ".vale.ini").write_text(
        "StylesPath = styles\nMinAlertLevel = suggestion\n\n[*.md]\nBasedOnStyles = House\n", encoding="utf-8"
    )
    (tmp_path / "story.md").write_text(document, encoding="utf-8")


CAPITALS = """extends: script
message: "'%s' is in capitals"
level: error
scope: paragraph
script: |
  text := import("text")
  matches := []
  found := text.re_find(`\\b[A-Z]{3,}\\b`, scope, -1)
  for m in found ? found : [] {
    matches = append(matches, {begin: m[0].begin, end: m[0].end})
  }
"""
LONG_LINES = """extends: script
message: "unused"
scope: raw
script: Long.tengo
"""
LONG_SCRIPT = """text := import("text")
fmt := import("fmt")
matches := []
for i, line in text.split(scope, "\\n") {
  if len(line) > 40 {
    start := text.index(scope, line)
    message := fmt.sprintf("line %d is %d bytes long", i + 1, len(line))
    matches = append(matches, {begin: start, end: start + len(line), message: message})
  }
}
"""
EXISTENCE = "extends: existence\nmessage: \"Avoid '%s'\"\nlevel: warning\ntokens:\n  - really\n"
DOCUMENT = "# Über NASA\n\nThe café said ÉTÉ and NASA agreed, ça va, really quite long.\n\nShort.\n"


def _vale(tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    return CliRunner().invoke(main, ["vale", *FLAGS, "story.md"])


def test_script_rules_alert_at_character_columns_after_non_ascii_text(tmp_path, monkeypatch):
    rules = {"Caps": CAPITALS, "Long": LONG_LINES, "Really": EXISTENCE}
    _project(tmp_path, rules, {"Long.tengo": LONG_SCRIPT}, DOCUMENT)
    result = _vale(tmp_path, monkeypatch)
    assert result.stdout.splitlines() == [
        "story.md:3:1:House.Long:line 3 is 64 bytes long",  # bytes, as Go counts them
        "story.md:3:23:House.Caps:'NASA' is in capitals",  # byte 26 of the paragraph, its 23rd character
        "story.md:3:43:House.Really:Avoid 'really'",
    ]
    assert result.stderr == "" and result.exit_code == 1


def test_a_script_vale_refuses_is_e201_and_the_other_rules_still_run(tmp_path, monkeypatch):
    rules = {
        "Os": 'extends: script\nmessage: x\nscript: |\n  os := import("os")\n  matches := []\n',
        "Really": EXISTENCE,
    }
    _project(tmp_path, rules, {}, DOCUMENT)
    result = _vale(tmp_path, monkeypatch)
    rule_file = tmp_path / "styles" / "House" / "Os.yml"
    assert result.stderr == (
        f"copydesk vale: House.Os: E201 Invalid value [{rule_file}:3:1]: Compile Error: module 'os' not found at"
        " (main):1:7; the rule is skipped\n"
    )
    assert result.stdout == "story.md:3:43:House.Really:Avoid 'really'\n" and result.exit_code == 0


def test_a_script_rule_keeps_its_level_link_and_limit(tmp_path, monkeypatch):
    rule = CAPITALS.replace("level: error", "level: suggestion\nlink: https://example.org/caps\nlimit: 1")
    _project(tmp_path, {"Caps": rule}, {}, "ONE and TWO here.\n\nTHREE there.\n")
    monkeypatch.chdir(tmp_path)
    result = CliRunner().invoke(main, ["vale", "--output=JSON", "--no-global", "story.md"])
    alerts = json.loads(result.stdout)["story.md"]
    assert [(a["Line"], a["Span"], a["Match"], a["Severity"], a["Link"]) for a in alerts] == [
        (1, [1, 3], "ONE", "suggestion", "https://example.org/caps")
    ]
    assert result.exit_code == 0


@pytest.mark.parametrize(
    "script, message",
    [
        ("for { }", "Budget Exceeded: the script ran more than 2,000,000 steps at (main):1:1"),
        (
            's := "ab"\n  for { s += s }',
            "Budget Exceeded: the script made a string longer than 16,777,216 bytes at (main):2:7",
        ),
        ("matches := [{begin: 0}]", "matches[0] needs int 'begin' and 'end'"),
        ("x := scope[1:0]", "Runtime Error: invalid slice index: 1 > 0 at (main):1:6"),
    ],
)
def test_a_script_that_fails_or_runs_out_of_budget_stops_the_run_naming_the_rule_file(
    tmp_path, monkeypatch, script, message
):
    _project(tmp_path, {"Bad": f"extends: script\nmessage: x\nscript: |\n  {script}\n"}, {}, DOCUMENT)
    result = _vale(tmp_path, monkeypatch)
    rule_file = tmp_path / "styles" / "House" / "Bad.yml"
    assert result.stdout == f"E201 Invalid value [{rule_file}:3:1]: {message}\n"
    assert result.exit_code == 2


def test_copydesk_check_reports_script_alerts_and_a_failing_script_as_a_file_error(tmp_path, monkeypatch):
    good, bad = tmp_path / "good", tmp_path / "bad"
    _project(good, {"Caps": CAPITALS}, {}, DOCUMENT)
    _project(bad, {"Caps": "extends: script\nmessage: x\nscript: for { }\n"}, {}, DOCUMENT)
    for folder in (good, bad):
        (folder / ".copydesk.yml").write_text("vale: .vale.ini\n", encoding="utf-8")
    monkeypatch.chdir(good)
    result = CliRunner().invoke(main, ["check", "--no-cache", "--format", "json", "story.md"])
    found = [f for f in json.loads(result.stdout)["findings"] if f["rule"] == "House.Caps"]
    assert [(f["line"], f["column"], f["excerpt"], f["severity"]) for f in found] == [(3, 23, "NASA", "error")]
    monkeypatch.chdir(bad)
    result = CliRunner().invoke(main, ["check", "--no-cache", "story.md"])
    rule_file = bad / "styles" / "House" / "Caps.yml"
    assert result.exit_code == 2
    assert (
        f"copydesk: story.md: vale: E201 Invalid value [{rule_file}:3:1]: Budget Exceeded: the script ran more than"
        " 2,000,000 steps at (main):1:1"
    ) in result.stderr


def test_a_script_rule_has_a_time_budget_for_the_whole_file(tmp_path, monkeypatch):
    # each run on a paragraph finishes within its own budget; together they would not stop for a long file
    slow = (
        "extends: script\nmessage: x\nscope: paragraph\nscript: |\n  for i := 0; i < 20000; i++ { }\n  matches := []\n"
    )
    _project(tmp_path, {"Slow": slow}, {}, "A line.\n\n" * 40)
    monkeypatch.setattr("linter.vale.script.FILE_SECONDS", 0.05)
    result = _vale(tmp_path, monkeypatch)
    rule_file = tmp_path / "styles" / "House" / "Slow.yml"
    budget = 0.05 + len("A line.\n\n" * 40) / 100_000
    assert (
        result.stdout
        == f"E201 Invalid value [{rule_file}:4:1]: the script ran longer than {budget:g} s in all on story.md\n"
    )
    assert result.exit_code == 2


def test_byte_offsets_become_character_offsets():
    from linter.vale.script import char_offsets

    text = "aé€😀b"
    data = text.encode("utf-8")
    chars = char_offsets(text, data)
    assert [chars(b) for b in range(len(data) + 1)] == [0, 1, 1, 2, 2, 2, 3, 3, 3, 3, 4, 5]
    assert char_offsets("abc", b"abc")(2) == 2


@pytest.mark.parametrize(
    "source, message",
    [
        ("x := " + "(" * 5000 + "1" + ")" * 5000, "Parse Error: the script nests its expressions or blocks too deeply"),
        ("a := []\nfor i := 0; i < 5000; i++ { a = [a] }", "Runtime Error: a global variable nests arrays or maps"),
    ],
)
def test_nesting_too_deep_for_python_is_a_tengo_error(source, message):
    with pytest.raises(TengoError) as error:
        run_script(source, {})
    assert str(error.value).startswith(message)


def test_format_widths_follow_go_and_stay_within_the_size_limit():
    # Go reads a width or precision past a million digits-long as an overflow and stops the format there
    assert run_script('x := format("%1000000000d", 1)', {})["x"] == "%!(NOVERB)%!(EXTRA int=1)"
    assert run_script('x := format("a%.99999999f", 1.5)', {})["x"] == "a%!(NOVERB)%!(EXTRA float=1.5)"
    with pytest.raises(BudgetExceeded, match="made a string longer than 16,777,216 bytes"):
        run_script('fmt := import("fmt")\nx := fmt.sprintf("%9999999d|%9999999d", 1, 2)', {})


@pytest.mark.parametrize(
    "source",
    [
        'text := import("text")\nx := text.re_split("", text.repeat("a", 5000), -1)',
        'text := import("text")\nx := text.re_find("a", text.repeat("a", 5000), -1)',
        'text := import("text")\nx := text.split(text.repeat("a", 5000), "")',
        'text := import("text")\nx := text.split_n(text.repeat("a,", 5000), ",", -1)',
        'text := import("text")\nx := text.fields(text.repeat("a ", 5000))',
    ],
)
def test_builtins_stop_at_the_array_limit_before_making_the_array(source):
    with pytest.raises(BudgetExceeded, match="made an array of more than 1,000 items"):
        run_script(source, {}, Limits(items=1000))


def test_a_builtin_with_millions_of_matches_stops_at_the_time_limit():
    source = 'text := import("text")\nx := text.re_replace("a", text.repeat("a", 2000000), "$0$0")'
    with pytest.raises(BudgetExceeded, match="ran longer than 0.05 s"):
        run_script(source, {}, Limits(seconds=0.05))


def test_fields_splits_at_gos_white_space():
    source = 'text := import("text")\nx := text.fields(" a  b\\u00a0c\\x1cd ")'
    assert run_script(source, {})["x"] == ["a", "b", "c\x1cd"]  # U+00A0 is white space to Go, U+001C is not


SHARED = (
    'text := import("text")\na := text.split(text.repeat("x,", 200000), ",")\n'
    "b := [a, a, a, a, a, a, a, a, a, a]\n"  # two million elements through one array shared ten times
)


@pytest.mark.parametrize(
    "line, what",
    [("x := copy(b)", "copy"), ("x := string(b)", "String()"), ("x := b == [a, a, a, a, a, a, a, a, a, a]", "==")],
)
def test_a_deep_operation_on_a_shared_array_stops_at_its_element_budget(line, what):
    with pytest.raises(BudgetExceeded, match=rf"the script's {re.escape(what)} goes through more than 1,048,576"):
        run_script(SHARED + line, {}, wanted=("x",))


def test_only_the_wanted_globals_are_converted_and_the_conversion_has_the_budget_too():
    assert run_script(SHARED + "x := len(b)", {}, wanted=("x",)) == {"x": 10}
    with pytest.raises(BudgetExceeded, match="conversion to Python goes through more than 1,048,576"):
        run_script(SHARED, {})


def test_re_replace_expands_named_groups_as_go_does():
    source = 'text := import("text")\nx := text.re_replace(`(?P<name>b)(c)?`, "abd", `${name}|$name-|$1x|$$`)'
    assert run_script(source, {})["x"] == "ab|b-||$d"
