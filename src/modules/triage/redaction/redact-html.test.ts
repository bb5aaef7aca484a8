import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { Parser } from 'htmlparser2';
import { redactHtml } from './index.ts';
import { assertRedacted, assertUntouched, type Positive } from './test-kit.ts';

/** The sequence of tags (names, open or close) in some HTML: redaction must leave it as it was. */
function tagsOf(html: string): string[] {
  const tags: string[] = [];
  const parser = new Parser({ onopentagname: (n) => tags.push(`<${n}>`), onclosetag: (n) => tags.push(`</${n}>`) });
  parser.end(html);
  return tags;
}

function assertHtmlRedacted(c: Positive): string {
  const r = assertRedacted(c, redactHtml);
  assert.deepEqual(tagsOf(r.text), tagsOf(c.text), `markup changed: ${r.text}`);
  return r.text;
}

describe('redactHtml', () => {
  test('a password in a plain text node', () => {
    const out = assertHtmlRedacted({ text: '<p>Hi,</p><p>my password is hunter2 and it fails</p>', secrets: ['hunter2'], kind: 'password' });
    assert.equal(out, '<p>Hi,</p><p>my password is [password removed] and it fails</p>');
  });

  test('a password in bold after the phrase', () => {
    const out = assertHtmlRedacted({ text: '<p>my password is <b>hunter2</b>!</p>', secrets: ['hunter2'], kind: 'password' });
    // The "!" right after </b> belongs to the token, so it goes too; the tags stay.
    assert.equal(out, '<p>my password is <b>[password removed]</b></p>');
  });

  test('a card split by inline tags and &nbsp; is still caught; the tags stay', () => {
    const out = assertHtmlRedacted({
      text: '<p>card 4242&nbsp;4242 <span>4242</span> <i>4242</i> thanks</p>',
      secrets: ['4242&nbsp;4242', '>4242<'],
      kind: 'card',
      keeps: ['thanks'],
    });
    assert.equal(out, '<p>card [card ending 4242 removed]<span></span><i></i> thanks</p>');
  });

  test('entities inside a secret are removed whole, escaping elsewhere is untouched', () => {
    const out = assertHtmlRedacted({ text: '<p>Tom &amp; Jerry: password: abc&amp;def&lt;9</p>', secrets: ['abc', 'def', '&lt;9'], kind: 'password' });
    assert.equal(out, '<p>Tom &amp; Jerry: password: [password removed]</p>');
  });

  test('table cells: the name in one cell, the secret in the next', () => {
    assertHtmlRedacted({ text: '<table><tr><td>Password:</td><td>Blue-Sky-77</td></tr></table>', secrets: ['Blue-Sky-77'], kind: 'password' });
  });

  test('a secret in a link (href, title) is removed and the attribute rewritten', () => {
    const html = '<p><a href="https://vaultly.example/login?user=ada&amp;password=hunter2" title="my pw: zz9-Top" rel="noopener">log in</a></p>';
    const r = redactHtml(html);
    assert.equal(
      r.text,
      '<p><a href="https://vaultly.example/login?user=ada&amp;password=%5Bpassword%20removed%5D" title="my pw: [password removed]" rel="noopener">log in</a></p>',
    );
    assert.deepEqual(r.findings, [{ kind: 'password', label: '[password removed]' }, { kind: 'password', label: '[password removed]' }]);
  });

  test('a percent-encoded secret in a mailto link', () => {
    const r = redactHtml('<a href="mailto:help@vaultly.example?subject=Help&amp;body=my%20card%20is%204242%204242%204242%204242">mail us</a>');
    assert.equal(r.text, '<a href="mailto:help@vaultly.example?subject=Help&amp;body=my%20card%20is%20%5Bcard%20ending%204242%20removed%5D">mail us</a>');
    assert.deepEqual(r.findings, [{ kind: 'card', label: '[card ending 4242 removed]' }]);
  });

  test('alt text of an image', () => {
    assertHtmlRedacted({ text: '<p><img src="cid:shot1" alt="card 5555 5555 5555 4444"></p>', secrets: ['5555 5555 5555 4444'], kind: 'card', keeps: ['src="cid:shot1"'] });
  });

  test('single-quoted and unquoted attributes are rewritten double-quoted, the rest of the tag kept', () => {
    const r = redactHtml("<p><img alt='card 4242 4242 4242 4242' src=shot.png><abbr TITLE=pw:hunter2>x</abbr></p>");
    assert.equal(r.text, '<p><img alt="card [card ending 4242 removed]" src=shot.png><abbr TITLE="pw:[password removed]">x</abbr></p>');
  });

  test('a private key in <pre> with line breaks', () => {
    const key = ['-----BEGIN OPENSSH', 'PRIVATE KEY-----'].join(' ');
    const body = 'b3BlbnNzaC1rZXktdjEAAAAABG5vbmUAAAAEbm9uZQAAAAAAAAABAAAAMwAAAAtzc2gtZW';
    const end = key.replace('BEGIN', 'END');
    assertHtmlRedacted({ text: `<pre>${key}\n${body}\n${end}</pre><p>help</p>`, secrets: [body], kind: 'private_key', keeps: ['<p>help</p>'] });
  });

  test('block boundaries separate text: digits in two paragraphs are not one card', () => {
    assertUntouched('<p>4242 4242</p><p>4242 4242</p>', redactHtml);
  });

  test('clean sanitized HTML comes back byte for byte', () => {
    assertUntouched(
      '<h2>Sync issue</h2>\n<p>Order #100234987 &amp; invoice INV-2024-00042 — see <a href="https://vaultly.example/help?a=1&amp;b=2" rel="noopener noreferrer nofollow" target="_blank">help</a>.</p>' +
        '<ul><li>version 4.2.1</li><li>error 0x80070005</li></ul><img src="data:image/png;base64,iVBORw0KGgo4242424242424242AAA" alt="screenshot"><br /><p>Thanks &lt;3</p>',
      redactHtml,
    );
  });

  test('a data: URL is never rewritten, even when it looks like it holds a card', () => {
    assertUntouched('<img src="data:text/plain,4242 4242 4242 4242">', redactHtml);
  });

  test('findings come in document order, attributes before the text they wrap', () => {
    const r = redactHtml('<a title="card 4111 1111 1111 1111">master password: Tr0ub4dor&amp;3</a><p>password is hunter2</p>');
    assert.deepEqual(r.findings.map((f) => f.kind), ['card', 'master_password', 'password']);
  });
});
