#!/usr/bin/env python3
"""A fast SMTP sink for the delivery benchmark (standard library asyncio only).

Accepts every message (EHLO with PIPELINING and 8BITMIME, MAIL, RCPT, DATA, RSET, NOOP, QUIT), and for each
one records its Message-ID and the time the sink said 250 to the end of data. On SIGTERM it writes the
records as JSON lines to --out. Prints READY once listening. Loopback only.
"""
import argparse, asyncio, json, re, signal, time

MID = re.compile(rb"^Message-ID:\s*<([^>]*)>", re.IGNORECASE | re.MULTILINE)


async def session(reader, writer, records):
    writer.write(b"220 sink.bench ESMTP\r\n")
    in_data, header = False, bytearray()
    try:
        while True:
            line = await reader.readline()
            if not line:
                break
            if in_data:
                if line == b".\r\n":
                    match = MID.search(header)
                    writer.write(b"250 2.0.0 Ok\r\n")
                    await writer.drain()
                    records.append((match.group(1).decode() if match else "", time.time()))
                    in_data, header = False, bytearray()
                elif len(header) < 8192:
                    header += line
                continue
            verb = line[:4].upper()
            if verb == b"EHLO":
                writer.write(b"250-sink.bench\r\n250-PIPELINING\r\n250-8BITMIME\r\n250 SIZE 104857600\r\n")
            elif verb == b"DATA":
                writer.write(b"354 go ahead\r\n")
                in_data = True
            elif verb == b"QUIT":
                writer.write(b"221 bye\r\n")
                await writer.drain()
                break
            else:
                writer.write(b"250 Ok\r\n")
            await writer.drain()
    except (ConnectionError, asyncio.IncompleteReadError):
        pass
    finally:
        writer.close()


async def main():
    p = argparse.ArgumentParser()
    p.add_argument("--port", type=int, required=True)
    p.add_argument("--out", required=True)
    a = p.parse_args()
    records = []
    server = await asyncio.start_server(lambda r, w: session(r, w, records), "127.0.0.1", a.port, backlog=1024)
    stop = asyncio.Event()
    asyncio.get_running_loop().add_signal_handler(signal.SIGTERM, stop.set)
    print("READY", flush=True)
    await stop.wait()
    server.close()
    with open(a.out, "w") as f:
        for mid, t in records:
            f.write(json.dumps({"mid": mid, "t": t}) + "\n")


if __name__ == "__main__":
    asyncio.run(main())
