# Times one message at a time through POST /api/care/classify on a running host (the README command), keep-alive,
# after 50 warm-up requests. Usage: python3 scripts/bench-care-api.py http://127.0.0.1:5080 1000 → p50/p95/p99 in ms.
# Signs in as the README's demo admin for a bearer token.
import http.client, json, sys, time, urllib.parse, random
base, n = sys.argv[1], int(sys.argv[2])
u = urllib.parse.urlparse(base)
c = http.client.HTTPConnection(u.hostname, u.port)
c.request("POST", "/api/auth/token", json.dumps({"email": "admin@parley.local", "password": "Parley-Demo-2026"}), {"Content-Type": "application/json"})
token = json.loads(c.getresponse().read())["accessToken"]
texts = ["This isn't my debt, I never had an account with you.", "I lost my job and can't cope.", "I get paid on the 15th, can I pay then?",
         "Please stop calling me at work.", "My husband died last month and I don't know what to do.", "Can you send me proof of what I owe?",
         "I already paid this in March, check your records.", "I'm talking to a lawyer about this.", "Ok thanks", "No puedo pagar, perdí mi trabajo."]
h = {"Content-Type": "application/json", "Authorization": "Bearer " + token}
times = []; codes = {}
for i in range(n + 50):
    body = json.dumps({"text": texts[i % len(texts)]})
    t = time.perf_counter(); c.request("POST", "/api/care/classify", body, h); r = c.getresponse(); r.read(); d = (time.perf_counter() - t) * 1000
    codes[r.status] = codes.get(r.status, 0) + 1
    if i >= 50: times.append(d)
times.sort()
q = lambda p: times[min(len(times) - 1, int(p * len(times)))]
print(json.dumps({"requests": n, "status": codes, "p50_ms": round(q(0.5), 2), "p95_ms": round(q(0.95), 2), "p99_ms": round(q(0.99), 2), "max_ms": round(times[-1], 2)}))
