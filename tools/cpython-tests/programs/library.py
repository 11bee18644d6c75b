# Pure-Python standard library modules at work: json, re, textwrap, string, fractions, decimal, statistics,
# difflib, collections, heapq, bisect, csv, urllib.parse, base64, html, email, tomllib, ipaddress, pprint.
import base64, bisect, collections, csv, difflib, fractions, heapq, html, io, ipaddress, json, pprint, re
import statistics, string, textwrap, tomllib, urllib.parse
from decimal import Decimal, getcontext
from email.message import EmailMessage

data = {"b": [1, 2.5, None, True], "a": {"nested": "é\u2603"}, "c": "x" * 3}
text = json.dumps(data, sort_keys=True, indent=2)
print(text)
print(json.loads(text) == data, json.loads('[1e400, -0.0, "\\ud83d\\ude00"]'))
print(json.JSONDecoder().raw_decode('{"k": [1, 2]} tail'))

pat = re.compile(r"(?P<word>[a-z]+)(?:-(?P<num>\d+))?", re.I)
print([m.groupdict() for m in pat.finditer("Alpha-12 beta gamma-3")])
print(re.sub(r"(\w)(\w*)", lambda m: m.group(2) + m.group(1) + "ay", "hello brave new world"))
print(re.split(r"[,;]\s*", "a, b;c,d"), re.fullmatch(r"(ab)+c?", "ababc") is not None)
print(textwrap.fill("The quick brown fox jumps over the lazy dog " * 3, width=30))
print(textwrap.dedent("    a\n      b\n    c"))
print(string.Template("$who likes ${what}").substitute(who="tim", what="kung pao"))
print(string.Formatter().format("{0:>8}|{1!r:^10}|{x:.3f}", "r", "s", x=3.14159))
print(fractions.Fraction(3, 4) + fractions.Fraction("1/6"), fractions.Fraction(0.125))
getcontext().prec = 30
print(Decimal(1) / Decimal(7), Decimal("1.10") * 3)
print(statistics.mean([1, 2, 3, 4.5]), statistics.median([5, 1, 3]), statistics.pstdev([2, 4, 4, 4, 5, 5, 7, 9]))
print(list(difflib.unified_diff(["a\n", "b\n", "c\n"], ["a\n", "c\n", "d\n"], "x", "y")))
cnt = collections.Counter("mississippi")
print(cnt.most_common(3), collections.OrderedDict(sorted(cnt.items())))
dq = collections.deque(range(5), maxlen=4)
dq.rotate(2)
print(dq, collections.namedtuple("P", "x y")(1, 2)._asdict())
h = [5, 1, 8, 3]
heapq.heapify(h)
print([heapq.heappop(h) for _ in range(4)], heapq.nlargest(2, [4, 9, 1, 7]), bisect.bisect([1, 3, 5], 4))
buf = io.StringIO()
w = csv.writer(buf)
w.writerows([["a", "b,c"], [1, 'q"uote']])
print(buf.getvalue(), list(csv.reader(io.StringIO(buf.getvalue()))))
u = urllib.parse.urlsplit("https://user@example.org:8080/p/a?q=1&r=two#frag")
print(u, urllib.parse.parse_qs(u.query), urllib.parse.quote("a b/é"))
print(base64.b64encode(b"bytefluent"), base64.b32decode(base64.b32encode(b"xyz")), html.escape("<a href='x'>"))
print(html.unescape("&lt;&eacute;&#x41;&gt;"))
msg = EmailMessage()
msg["Subject"] = "Hello"
msg["To"] = "a@example.org"
msg.set_content("Body text\n")
print(msg.as_string())
print(tomllib.loads('title = "t"\n[owner]\nname = "n"\nnums = [1, 2, 3]\n'))
print(ipaddress.ip_network("192.168.0.0/30").hosts().__next__(), ipaddress.ip_address("::1").is_loopback)
pprint.pprint({"k%d" % i: list(range(i)) for i in range(6)}, width=40)
