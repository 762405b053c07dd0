namespace Relaybox.Smtp.Tests.Delivery.Client;

/// <summary>
/// The upstream the integration tests deliver to: python3-aiosmtpd 1.4.3, which only Debian's
/// /usr/bin/python3 imports. It records every command and the content it received to files.
/// </summary>
internal static class AiosmtpdScript
{
    public const string Text = """
        import argparse, json, ssl, sys
        from aiosmtpd.controller import Controller
        from aiosmtpd.smtp import AuthResult, LoginPassword

        p = argparse.ArgumentParser()
        p.add_argument("--port", type=int, required=True)
        p.add_argument("--out", required=True)
        p.add_argument("--cert")
        p.add_argument("--key")
        p.add_argument("--implicit", action="store_true")
        p.add_argument("--login")
        p.add_argument("--password")
        p.add_argument("--size", type=int, default=33554432)
        p.add_argument("--pipelining", action="store_true")
        p.add_argument("--smtputf8", action="store_true")
        p.add_argument("--rcpt-reply", action="append", default=[])
        p.add_argument("--exclude-mechanism", action="append", default=[])
        a = p.parse_args()

        rcpt_replies = dict(r.split("=", 1) for r in a.rcpt_reply)

        # session.ssl is set by STARTTLS only; the transport knows about implicit TLS too.
        def record(event):
            with open(a.out + "/events.jsonl", "a") as f:
                f.write(json.dumps(event) + "\n")

        class Handler:
            async def handle_EHLO(self, server, session, envelope, hostname, responses):
                session.host_name = hostname
                record({"cmd": "EHLO", "tls": server.transport.get_extra_info("ssl_object") is not None})
                if a.pipelining:
                    responses.insert(1, "250-PIPELINING")
                return responses

            async def handle_MAIL(self, server, session, envelope, address, options):
                record({"cmd": "MAIL", "address": address, "options": options, "tls": server.transport.get_extra_info("ssl_object") is not None})
                envelope.mail_from = address
                envelope.mail_options.extend(options)
                return "250 2.1.0 OK"

            async def handle_RCPT(self, server, session, envelope, address, options):
                record({"cmd": "RCPT", "address": address, "options": options})
                if address in rcpt_replies:
                    return rcpt_replies[address]
                envelope.rcpt_tos.append(address)
                return "250 2.1.5 OK"

            async def handle_DATA(self, server, session, envelope):
                with open(a.out + "/content.eml", "wb") as f:
                    f.write(envelope.original_content)
                record({"cmd": "DATA", "rcpts": envelope.rcpt_tos, "tls": server.transport.get_extra_info("ssl_object") is not None})
                return "250 2.0.0 queued as 1"

        def authenticator(server, session, envelope, mechanism, auth_data):
            ok = isinstance(auth_data, LoginPassword) and auth_data.login.decode() == a.login and auth_data.password.decode() == a.password
            record({"cmd": "AUTH", "mechanism": mechanism, "ok": ok, "tls": server.transport.get_extra_info("ssl_object") is not None})
            # handled=False: aiosmtpd sends the 535 itself (with handled=True it would wait for us to reply).
            return AuthResult(success=True) if ok else AuthResult(success=False, handled=False)

        context = None
        if a.cert:
            context = ssl.create_default_context(ssl.Purpose.CLIENT_AUTH)
            context.load_cert_chain(a.cert, a.key)

        kwargs = dict(data_size_limit=a.size, enable_SMTPUTF8=a.smtputf8, hostname="upstream.test")
        if a.login:
            kwargs.update(authenticator=authenticator, auth_require_tls=context is not None,
                          auth_exclude_mechanism=a.exclude_mechanism)
        if context is not None and not a.implicit:
            kwargs.update(tls_context=context)
        controller = Controller(Handler(), hostname="127.0.0.1", port=a.port,
                                ssl_context=context if a.implicit else None, server_kwargs=kwargs)
        controller.start()
        print("READY", flush=True)
        sys.stdin.read()
        controller.stop()
        """;
}
