namespace Relaybox.Integration.Tests.Harness;

/// <summary>
/// The smarthost of the delivery tests: python3-aiosmtpd (Debian's /usr/bin/python3), optionally with
/// STARTTLS and AUTH, recording every message it accepts as "&lt;n&gt;.json" (envelope, TLS, login) beside
/// "&lt;n&gt;.eml" (the content byte for byte), both renamed into place complete. A file "replies" in the
/// output folder, read at each RCPT, maps addresses to replies ("address=451 4.3.0 later"), so a test can
/// change the upstream's mind while it runs.
/// </summary>
internal static class UpstreamSinkScript
{
    public const string Text = """
        import argparse, json, os, ssl, sys, threading, time, uuid
        from aiosmtpd.controller import Controller
        from aiosmtpd.smtp import AuthResult, LoginPassword

        p = argparse.ArgumentParser()
        p.add_argument("--host", default="127.0.0.1")
        p.add_argument("--port", type=int, required=True)
        p.add_argument("--out", required=True)
        p.add_argument("--cert")
        p.add_argument("--key")
        p.add_argument("--login")
        p.add_argument("--password")
        a = p.parse_args()

        def replies():
            try:
                with open(os.path.join(a.out, "replies")) as f:
                    return dict(line.rstrip("\n").split("=", 1) for line in f if "=" in line)
            except FileNotFoundError:
                return {}

        def tls(server):
            return server.transport.get_extra_info("ssl_object") is not None

        class Handler:
            async def handle_RCPT(self, server, session, envelope, address, options):
                reply = replies().get(address) or replies().get("*")
                if reply:
                    return reply
                envelope.rcpt_tos.append(address)
                envelope.rcpt_options.append(options)
                return "250 2.1.5 OK"

            async def handle_DATA(self, server, session, envelope):
                name = f"{time.time_ns()}-{uuid.uuid4().hex}"
                meta = {"mail_from": envelope.mail_from, "mail_options": envelope.mail_options,
                        "rcpt_tos": envelope.rcpt_tos, "tls": tls(server),
                        "login": session.auth_data.login.decode() if isinstance(session.auth_data, LoginPassword) else None,
                        "received": time.time()}
                for suffix, data in ((".eml", envelope.original_content), (".json", json.dumps(meta).encode())):
                    tmp = os.path.join(a.out, "." + name + suffix)
                    with open(tmp, "wb") as f:
                        f.write(data)
                    os.rename(tmp, os.path.join(a.out, name + suffix))
                return "250 2.0.0 queued as " + name

        def authenticator(server, session, envelope, mechanism, auth_data):
            ok = isinstance(auth_data, LoginPassword) and auth_data.login.decode() == a.login and auth_data.password.decode() == a.password
            return AuthResult(success=True, auth_data=auth_data) if ok else AuthResult(success=False, handled=False)

        context = None
        if a.cert:
            context = ssl.create_default_context(ssl.Purpose.CLIENT_AUTH)
            context.load_cert_chain(a.cert, a.key)
        kwargs = dict(hostname="upstream.test", data_size_limit=64 * 1024 * 1024)
        if context is not None:
            kwargs.update(tls_context=context, require_starttls=True)
        if a.login:
            kwargs.update(authenticator=authenticator, auth_require_tls=context is not None, auth_required=True)
        controller = Controller(Handler(), hostname=a.host, port=a.port, server_kwargs=kwargs)
        controller.start()
        print("READY", flush=True)
        sys.stdin.read()
        controller.stop()
        """;
}
