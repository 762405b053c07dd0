using System.Diagnostics;
using System.Text.Json;

namespace Relaybox.Smtp.Tests.Delivery.Bounces;

/// <summary>
/// Parses a message with Python's email package (an independent MIME parser) and returns what it saw as
/// JSON: the MIME tree, the decoded text, the delivery-status blocks and the returned original's headers.
/// </summary>
internal static class PythonEmailParser
{
    private const string Script = """
import email, email.policy, json, sys
with open(sys.argv[1], 'rb') as f:
    msg = email.message_from_binary_file(f, policy=email.policy.compat32)
def h(v):
    return None if v is None else str(v)
def tree(part):
    node = {'type': part.get_content_type()}
    if part.is_multipart() and part.get_content_type() != 'message/delivery-status':
        node['parts'] = [tree(p) for p in part.get_payload()]
    return node
out = {'tree': tree(msg), 'defects': [str(d) for d in msg.defects],
       'headers': {k: str(v) for k, v in msg.items()},
       'report_type': msg.get_param('report-type'), 'blocks': [], 'text': None, 'returned': None}
for part in msg.walk():
    out['defects'] += [str(d) for d in part.defects]
    ctype = part.get_content_type()
    if ctype == 'text/plain' and out['text'] is None:
        out['text'] = part.get_payload(decode=True).decode(part.get_content_charset() or 'ascii')
    elif ctype == 'message/delivery-status':
        out['blocks'] = [{k: ' '.join(str(v).split()) for k, v in b.items()} for b in part.get_payload()]
    elif ctype == 'message/rfc822':
        inner = part.get_payload(0)
        out['returned'] = {'kind': 'full', 'subject': h(inner['Subject']), 'message_id': h(inner['Message-ID']),
                           'body': inner.get_payload(decode=True).decode('latin-1')}
    elif ctype == 'text/rfc822-headers':
        inner = email.message_from_bytes(part.get_payload(decode=True))
        out['returned'] = {'kind': 'headers', 'subject': h(inner['Subject']), 'message_id': h(inner['Message-ID']),
                           'body': part.get_payload()}
print(json.dumps(out))
""";

    public static JsonDocument Parse(byte[] message)
    {
        string path = Path.Combine(Path.GetTempPath(), "relaybox-dsn-" + Guid.NewGuid().ToString("N") + ".eml");
        File.WriteAllBytes(path, message);
        try
        {
            var start = new ProcessStartInfo("/usr/bin/python3")
            {
                RedirectStandardOutput = true,
                RedirectStandardError = true,
                UseShellExecute = false,
            };
            start.ArgumentList.Add("-c");
            start.ArgumentList.Add(Script);
            start.ArgumentList.Add(path);
            using Process process = Process.Start(start) ?? throw new InvalidOperationException("python3 did not start");
            Task<string> stderr = process.StandardError.ReadToEndAsync();
            string stdout = process.StandardOutput.ReadToEnd();
            if (!process.WaitForExit(30_000))
            {
                process.Kill();
                throw new TimeoutException("python3 did not finish parsing");
            }

            Assert.True(process.ExitCode == 0, "python3 failed: " + stderr.Result);
            return JsonDocument.Parse(stdout);
        }
        finally
        {
            File.Delete(path);
        }
    }
}
