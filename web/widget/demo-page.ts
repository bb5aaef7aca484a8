/** Escapes text for HTML element content and attribute values. */
function esc(s: string): string {
  return s.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);
}

/**
 * A pretend product page of Vaultly (the demo workspace's product) with the widget embedded
 * the way a customer's site would: one script tag. It loads /widget.js from its own origin.
 */
export function demoPage(publicUrl: string): string {
  const snippet = `<script src="${publicUrl}/widget.js" data-title="Vaultly support" async></script>`;
  return `<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>Vaultly · Your secrets, synced</title>
<style>
  body { font: 17px/1.6 Georgia, serif; margin: 0; color: #222; background: #f6f3ee; }
  header { background: #13294b; color: #fff; padding: 1rem 1.5rem; font: 700 1.3rem system-ui, sans-serif; }
  main { max-width: 40rem; margin: 0 auto; padding: 2rem 1.25rem 8rem; }
  h1 { font-size: 2rem; margin: 0 0 .5rem; }
  pre { background: #fff; border: 1px solid #ddd; padding: .75rem; overflow-x: auto; font-size: .85rem; }
  a { color: #13294b; }
</style>
</head>
<body>
<header>Vaultly</header>
<main>
  <h1>Your secrets, synced everywhere</h1>
  <p>Vaultly keeps passwords and recovery codes end-to-end encrypted on every device you own.
  This page is a demo host site: the chat button in the corner is the Careline widget, embedded
  with one tag.</p>
  <pre><code>${esc(snippet)}</code></pre>
  <p>Type a question such as “vault not syncing” to see help-center suggestions before a chat
  starts. Agents answer from the console; when none is online the widget takes an email address
  instead. See <a href="/help">the help center</a>.</p>
</main>
<script src="/widget.js" data-title="Vaultly support" async></script>
</body>
</html>`;
}
