"""Mailbox report generator: the messages of an mbox are parsed in the parent with
`mailbox.mbox(path, factory=...)` into `email.message.EmailMessage` objects (default policy,
multipart with attachments), and the parsed message objects themselves are fanned out to a
pool with `pool.imap_unordered(summarise, messages)` to extract senders, subjects and
attachment sizes.

This is a trap: it works under every start method.  A parsed message is plain Python data (a
header list, payload strings or sub-messages, and the policy, which pickles by reference to
module-level objects); nothing in it holds the mbox file.

(the shape of https://github.com/domainaware/parsedmarc/issues/147: parallel processing of the
messages of an mbox)
"""

import email
import email.policy
import mailbox
import os
import tempfile
from email.message import EmailMessage
from multiprocessing import Pool


def build_mbox(path, count=6):
    box = mailbox.mbox(path)
    for i in range(count):
        msg = EmailMessage()
        msg["From"] = f"Sender {i} <sender{i}@example.org>"
        msg["To"] = "reports@example.com"
        msg["Subject"] = f"Weekly figures #{i}"
        msg.set_content(f"Hello,\n\nfigures for week {i} attached.\n" * (i + 1))
        for j in range(i % 3):
            msg.add_attachment(os.urandom(200 * (j + 1)), maintype="application",
                               subtype="octet-stream", filename=f"week{i}_part{j}.bin")
        box.add(msg)
    box.flush()
    box.close()


def parse_message(fh):
    return email.message_from_binary_file(fh, policy=email.policy.default)


def summarise(msg):
    body = msg.get_body(preferencelist=("plain",))
    attachments = [(part.get_filename(), len(part.get_content())) for part in msg.iter_attachments()]
    return {
        "from": msg["From"].addresses[0].addr_spec,
        "subject": str(msg["Subject"]),
        "body_lines": len(body.get_content().splitlines()) if body else 0,
        "attachments": attachments,
    }


if __name__ == "__main__":
    with tempfile.TemporaryDirectory() as tmp:
        path = os.path.join(tmp, "inbox.mbox")
        build_mbox(path)
        messages = list(mailbox.mbox(path, factory=parse_message))

    with Pool(3) as pool:
        summaries = list(pool.imap_unordered(summarise, messages))

    for s in sorted(summaries, key=lambda s: s["subject"]):
        sizes = ", ".join(f"{n} ({b} B)" for n, b in s["attachments"]) or "none"
        print(f"{s['subject']} from {s['from']}: {s['body_lines']} lines, attachments: {sizes}")
