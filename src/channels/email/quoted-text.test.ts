import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { parseEmail } from './parse-email.ts';
import { splitQuoted } from './quoted-text.ts';
import { fixture } from './test-kit.ts';

const textOf = async (name: string): Promise<string> => (await parseEmail(fixture(name))).text ?? '';

describe('quoted replies trimmed for display', () => {
  const cases: Array<[string, string, RegExp]> = [
    ['quoted-gmail.eml', 'Thanks, the reset link worked and I can open my vault again.\n\nAna', /^On Mon, Nov 24, 2026 at 10:02 AM Vaultly Support <support@example.com>\nwrote:\n/],
    ['quoted-outlook.eml', 'Hallo,\n\ndie Synchronisierung läuft wieder. Vielen Dank!\n\nGrüße\nJonas Bauer', /^_{32}\nVon: Vaultly Support/],
    ['quoted-apple-mail.eml', 'The CSV export works now.\n\nSent from my iPhone', /^> On 24 Nov 2026, at 10:02, Vaultly Support <support@example.com> wrote:/],
    ['quoted-german.eml', 'Danke, das hat geholfen.', /^Am 24\.11\.2026 um 10:02 schrieb Vaultly Support <support@example\.com>:\n> Hallo Jürgen,/],
  ];
  for (const [name, visible, quoted] of cases) {
    test(`${name}: the reply above, the quoted history apart, nothing lost`, async () => {
      const text = await textOf(name);
      const split = splitQuoted(text);
      assert.equal(split.visible, visible);
      assert.match(split.quoted ?? '', quoted);
      assert.ok(text.replace(/\r\n/g, '\n').startsWith(split.visible), 'the visible part is the start of the original');
      assert.ok(text.replace(/\r\n/g, '\n').includes(split.quoted!.trimEnd()), 'the quoted part is the rest of the original');
    });
  }

  test('a forward with nothing written above it, and a mail without quotes, are shown whole', async () => {
    const forward = await textOf('quoted-forward-only.eml');
    assert.deepEqual(splitQuoted(forward), { visible: forward, quoted: null });
    const plain = await textOf('plain.eml');
    assert.deepEqual(splitQuoted(plain), { visible: plain, quoted: null });
  });

  test('an Outlook header block without a rule, and "> " lines in the middle (inline answers), are told apart', () => {
    const outlook = 'Done, thanks.\n\nFrom: Vaultly Support <support@example.com>\nSent: Monday, 24 November 2026 10:02\nTo: Bo\nSubject: Sync\n\nHello Bo';
    assert.equal(splitQuoted(outlook).visible, 'Done, thanks.');
    const inline = '> Which version do you run?\n3.2.1\n> And the OS?\nWindows 11';
    assert.deepEqual(splitQuoted(inline), { visible: inline, quoted: null });
    const mention = 'On Monday I tried again and it wrote: error 4012 to the log, so nothing changed.';
    assert.deepEqual(splitQuoted(mention), { visible: mention, quoted: null }, 'an ordinary sentence is not an opener');
  });

  test('stays linear on a hostile body (a megabyte of openers-to-be)', () => {
    const body = `${'On and on '.repeat(50)}\n`.repeat(2_000) + '> x\n'.repeat(10_000);
    const started = process.cpuUsage();
    splitQuoted(body);
    const cpu = process.cpuUsage(started);
    assert.ok((cpu.user + cpu.system) / 1000 < 500, `took ${(cpu.user + cpu.system) / 1000} ms of CPU`);
  });
});
