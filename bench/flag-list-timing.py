# Times the flag list's queries (the page calls the same IResourceService.ListAsync as GET /api/v1/flags)
# against a running server: python3 bench/flag-list-timing.py <port> <admin key>. See docs/benchmarks.md.
import http.client
import statistics
import sys
import time

port, key = int(sys.argv[1]), sys.argv[2]
headers = {"Authorization": "Bearer " + key}
connection = http.client.HTTPConnection("127.0.0.1", port)
print("| Query | Median (ms) | p95 (ms) | Status |\n|---|---|---|---|")
for path in ["/api/v1/flags?limit=50", "/api/v1/flags?limit=50&offset=4950", "/api/v1/flags?limit=50&q=number%204999",
             "/api/v1/flags?limit=50&q=checkout", "/api/v1/flags?limit=50&tag=team-7"]:
    times = []
    for _ in range(30):
        start = time.perf_counter()
        connection.request("GET", path, headers=headers)
        response = connection.getresponse()
        response.read()
        times.append((time.perf_counter() - start) * 1000)
    times.sort()
    print(f"| `{path}` | {statistics.median(times):.1f} | {times[28]:.1f} | {response.status} |")
