#!/usr/bin/python3
"""The peer client of bench/scale.sh: the same load through aiohttp, read the way vLLM's
benchmark reads a stream (line by line from response.content, time.perf_counter() when a line
with content arrives). Error = client TTFT - the server's own TTFT (system_fingerprint).
Usage: peer_aiohttp.py PORT STREAMS REQUESTS_PER_STREAM FIRST_TOKEN_MS TOKENS GAP_MS"""
import asyncio
import json
import math
import random
import resource
import sys
import threading
import time

import aiohttp


async def cell(session, url, delay, per_stream, errors, failures):
    await asyncio.sleep(delay)
    body = {"model": "bench", "stream": True, "max_tokens": 32,
            "messages": [{"role": "user", "content": "hi"}]}
    for _ in range(per_stream):
        ttft = None
        server = None
        try:
            st = time.perf_counter()
            async with session.post(url, json=body) as response:
                if response.status != 200:
                    failures.append(f"http {response.status}")
                    continue
                async for line in response.content:
                    line = line.strip()
                    if not line.startswith(b"data: "):
                        continue
                    now = time.perf_counter()
                    payload = line[6:]
                    if payload == b"[DONE]":
                        break
                    data = json.loads(payload)
                    choices = data.get("choices") or [{}]
                    if ttft is None and choices[0].get("delta", {}).get("content"):
                        ttft = now - st
                    fp = data.get("system_fingerprint") or ""
                    if fp.startswith("server_ttft_ns="):
                        server = int(fp[len("server_ttft_ns="):]) / 1e9
            if ttft is None or server is None:
                failures.append("no first token or no server stamp")
            else:
                errors.append(ttft - server)
        except Exception as e:  # a failed request is counted, not fatal
            failures.append(repr(e))


async def main():
    port, streams, per_stream, first_ms, tokens, gap_ms = (int(a) for a in sys.argv[1:7])
    url = (f"http://127.0.0.1:{port}/v1/chat/completions?first_token_ms={first_ms}"
           f"&tokens={tokens}&gap_ms={gap_ms}")
    stream_s = (first_ms + (tokens - 1) * gap_ms) / 1000
    errors, failures = [], []
    connector = aiohttp.TCPConnector(limit=0)
    timeout = aiohttp.ClientTimeout(total=6 * 60 * 60)
    start = time.perf_counter()
    async with aiohttp.ClientSession(connector=connector, timeout=timeout) as session:
        await asyncio.gather(*(cell(session, url, 0 if streams == 1 else random.uniform(0, stream_s),
                                    per_stream, errors, failures) for _ in range(streams)))
    wall = time.perf_counter() - start
    errors.sort()

    def q(p):
        if not errors:
            return 0.0
        return errors[max(0, min(len(errors) - 1, math.ceil(p * len(errors)) - 1))] * 1000

    usage = resource.getrusage(resource.RUSAGE_SELF)
    rss_mib = usage.ru_maxrss / 1024
    cpu_ms = (usage.ru_utime + usage.ru_stime) * 1000 / max(1, len(errors) + len(failures))
    print(f"streams={streams} requests={len(errors) + len(failures)} failed={len(failures)} "
          f"error_median_ms={q(0.5):.2f} error_p99_ms={q(0.99):.2f} error_max_ms={q(1.0):.2f} "
          f"peak_rss_mib={rss_mib:.0f} threads={threading.active_count()} cpu_ms_per_request={cpu_ms:.2f} "
          f"wall_s={wall:.1f}")
    if failures:
        print("first failures:", failures[:3])


asyncio.run(main())
