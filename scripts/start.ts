// `npm start`: build the extension, serve the demo article on 127.0.0.1, open Chromium with Gist loaded.
import { execSync } from 'node:child_process';
import { extensionDir, launchWithExtension, serveFixtures } from '../tests/e2e/harness';

execSync('npx wxt build', { stdio: 'inherit' });
const server = await serveFixtures();
const headless = process.env.HEADLESS === '1' || (!process.env.DISPLAY && process.platform === 'linux');
if (headless && process.env.HEADLESS !== '1') console.warn('No DISPLAY: starting Chromium headless (set DISPLAY to see the window).');
// The demo serves from loopback; everything else stays reachable as in normal browsing.
const session = await launchWithExtension({
  headless,
  extDir: extensionDir('production'),
  allowOrigins: ['http', 'https'],
  keepInstallTab: true,
});
const page = session.context.pages()[0] ?? (await session.context.newPage());
await page.goto(server.url('article.html'));
console.log(`Demo article: ${server.url('article.html')}`);
console.log(`Library:      ${session.extUrl('library.html')}`);
console.log('Click the Gist toolbar button on the article to save it (Alt+Shift+S saves without the popup). Ctrl-C to quit.');
const stop = async () => {
  await session.close().catch(() => {});
  await server.close();
  process.exit(0);
};
session.context.on('close', () => void stop());
process.on('SIGINT', () => void stop());
process.on('SIGTERM', () => void stop());
