import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { boundHtml, MAX_HTML_DEPTH } from './bound-html.ts';
import { parseDeliveryStatus } from './delivery-status.ts';
import { EmailRejected, parseEmail } from './parse-email.ts';
import { buildEmail, fixture } from './test-kit.ts';

describe('parseEmail', () => {
  test('plain text: sender, subject, Message-ID without brackets', async () => {
    const e = await parseEmail(fixture('plain.eml'));
    assert.deepEqual(e.from, { address: 'ada@customer.example', name: 'Ada Lovelace' });
    assert.equal(e.subject, 'Cannot sync my vault');
    assert.equal(e.messageId, 'plain-1@customer.example');
    assert.match(e.text!, /error E-4012/);
    assert.equal(e.html, null);
  });

  test('charsets are decoded: ISO-2022-JP, windows-1252, GB18030 (bodies and encoded-word subjects)', async () => {
    const jp = await parseEmail(fixture('iso-2022-jp.eml'));
    assert.equal(jp.subject, '同期エラー');
    assert.equal(jp.text!.trim(), 'パスワードが同期されません。助けてください。');
    assert.equal((await parseEmail(fixture('windows-1252.eml'))).text!.trim(), 'Café “sync” costs 5€ – why?');
    const gb = await parseEmail(fixture('gb18030.eml'));
    assert.equal(gb.subject, '同步失败');
    assert.equal(gb.text!.trim(), '我的密码库无法同步，错误代码 E-4012。');
  });

  test('HTML is passed on as sent (the tickets module sanitizes), with the text alternative', async () => {
    const e = await parseEmail(fixture('html.eml'));
    assert.match(e.html!, /<script>/);
    assert.equal(e.text!.trim(), 'Autofill stopped working in Chrome 131.');
  });

  test('attachments and inline cid images keep name, type, bytes and Content-ID; cid links stay links', async () => {
    const [pdf] = (await parseEmail(fixture('attachment.eml'))).attachments;
    assert.deepEqual([pdf!.filename, pdf!.contentType, pdf!.contentId], ['invoice.pdf', 'application/pdf', null]);
    assert.ok(pdf!.content.subarray(0, 8).equals(Buffer.from('%PDF-1.4')));
    const inline = await parseEmail(fixture('inline-image.eml'));
    assert.deepEqual(inline.attachments.map((a) => [a.filename, a.contentType, a.contentId]), [['screenshot.png', 'image/png', 'shot@customer.example']]);
    assert.match(inline.html!, /src="cid:shot@customer.example"/);
  });

  test('In-Reply-To then References newest first are the ids a reply answers', async () => {
    assert.deepEqual((await parseEmail(fixture('reply-in-reply-to.eml'))).replyTo, ['plain-1@customer.example']);
    const e = await parseEmail(buildEmail({ headers: { 'In-Reply-To': '<c@x>', References: '<a@x> <b@x>\r\n <c@x>' } }));
    assert.deepEqual(e.replyTo, ['c@x', 'b@x', 'a@x']);
  });

  test('a message without From is refused; one without Message-ID gets a stable id from its bytes', async () => {
    await assert.rejects(parseEmail(fixture('missing-from.eml')), EmailRejected);
    await assert.rejects(parseEmail(buildEmail({ from: 'undisclosed-recipients:;' })), EmailRejected);
    const raw = Buffer.from('From: a@customer.example\r\nSubject: hi\r\n\r\nhello\r\n');
    const [a, b] = [await parseEmail(raw), await parseEmail(raw)];
    assert.match(a.messageId, /^[0-9a-f]{64}@careline\.invalid$/);
    assert.equal(a.messageId, b.messageId);
  });

  test('a delivery report exposes its status part and the returned Message-ID', async () => {
    const e = await parseEmail(fixture('bounce-dsn.eml'));
    assert.deepEqual(e.returnedIds, ['outbound-1@careline.example']);
    assert.deepEqual(parseDeliveryStatus(e.deliveryStatus!), [
      { address: 'ada@customer.example', action: 'failed', status: '5.1.1', diagnostic: '550 5.1.1 <ada@customer.example>: Recipient address rejected: User unknown in virtual mailbox table' },
    ]);
  });

  test('malformed MIME and deep nesting parse without throwing', async () => {
    assert.equal((await parseEmail(fixture('malformed-mime.eml'))).from.address, 'mallory@customer.example');
    assert.equal((await parseEmail(fixture('deep-nesting.eml'))).text!.trim(), 'At the bottom.');
  });
});

describe('boundHtml', () => {
  test('ordinary HTML passes unchanged; hostile nesting becomes its text', () => {
    const html = '<div><p>Hi<p>there<br><img src=x><table><tr><td>cell</td></tr></table></div>';
    assert.deepEqual(boundHtml(html), { html, text: null });
    const deep = `${'<div><span>'.repeat(MAX_HTML_DEPTH)}deep &amp; down${'</span></div>'.repeat(MAX_HTML_DEPTH)}`;
    assert.deepEqual(boundHtml(deep), { html: null, text: 'deep & down' });
  });
  test('a run of a million "<" costs a linear scan', () => {
    const started = process.cpuUsage();
    boundHtml('<a'.repeat(250_000));
    const cpu = process.cpuUsage(started);
    assert.ok(cpu.user + cpu.system < 500_000, `took ${(cpu.user + cpu.system) / 1000} ms of CPU`);
  });
});
