#!/usr/bin/env node
// End-to-end test in a real VS Code: code-server (VS Code for the web, installed by
// e2e/setup-code-server.sh) with the built .vsix installed into fresh user-data and
// extensions folders, driven in headless Chromium with playwright-core.
//
//   npm run e2e        (builds the .vsix first; or: node e2e/run.mjs [path.vsix])
//
// The workspace is a temporary folder with a copy of examples/lambda_map.py, the notebook
// roots.ipynb and squares_loader.py (both below). The Python extension is not installed, so the
// extension falls back to python3 on PATH, which is set to the system's Python
// ($MP_LSP_E2E_PYTHON, default /usr/bin/python3): it has neither pygls nor mp_lsp, so the server
// runs from the libraries bundled in the .vsix alone. The test checks that the server process is
// that Python, then: the squiggle and the Problems entry (MP001 and its message), the hover's
// explanation, a setting changed live, the Quick Fix applied, the problem gone, and the fixed
// program running; a crashing server; in a notebook (roots.ipynb, VS Code's built-in notebook
// support), the squiggle in the cell that sends a function defined in another cell and its
// hover; a torch DataLoader with workers given a Dataset that holds a lambda
// (squares_loader.py; torch is not installed): one finding, on the call's line, and a hover over
// `DataLoader(`. Then, with a stand-in for the Python extension installed
// (e2e/python-extension-stub: the real one cannot be installed here), that the server runs on
// the interpreter it selects and restarts when the selection changes. Screenshots and logs go
// to e2e/artifacts/.
import { spawn, spawnSync } from 'node:child_process';
import { cpSync, existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, readlinkSync, realpathSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { chromium } from 'playwright-core';

const VERSION = '4.100.3';
const clientDir = resolve(dirname(fileURLToPath(import.meta.url)), '..');
const repoDir = resolve(clientDir, '..');
const cache = process.env.MP_LSP_E2E_CACHE ?? join(clientDir, '.e2e-cache');
const codeServer = join(cache, `code-server-${VERSION}`, 'node_modules', 'code-server', 'out', 'node', 'entry.js');
const artifacts = join(clientDir, 'e2e', 'artifacts');
const python = process.env.MP_LSP_E2E_PYTHON ?? '/usr/bin/python3';
const browserPath = process.env.MP_LSP_E2E_CHROMIUM ?? '/usr/bin/chromium';
const example = join(repoDir, 'examples', 'lambda_map.py');
const FIX_TITLE = 'Move lambda to a module-level function';
/** The notebook of the notebook check: a function defined in one cell, sent in another. */
const NOTEBOOK_CELLS = [
    ['markdown', '# Squares in parallel'],
    ['code', 'from multiprocessing import Pool'],
    ['code', 'def square(x):\n    return x * x'],
    ['code', 'with Pool(2) as pool:\n    print(pool.map(square, range(8)))'],
];
const NOTEBOOK_SINK_CELL = 3;
const NOTEBOOK = {
    cells: NOTEBOOK_CELLS.map(([kind, text]) => ({
        cell_type: kind,
        metadata: {},
        source: text.split(/(?<=\n)/),
        ...(kind === 'code' ? { execution_count: null, outputs: [] } : {}),
    })),
    metadata: { kernelspec: { display_name: 'Python 3', language: 'python', name: 'python3' }, language_info: { name: 'python' } },
    nbformat: 4,
    nbformat_minor: 5,
};
/**
 * The file of the DataLoader check: a lambda in a Dataset given to a DataLoader with workers.
 * torch is not installed: the server knows DataLoader from the import alone.
 */
const DATALOADER_FILE = 'squares_loader.py';
const DATALOADER_SOURCE = `from torch.utils.data import DataLoader, Dataset

class Squares(Dataset):
    def __init__(self, n, transform):
        self.n, self.transform = n, transform
    def __len__(self):
        return self.n
    def __getitem__(self, i):
        return self.transform(i)

def main():
    loader = DataLoader(Squares(10, transform=lambda x: x * x), batch_size=2, num_workers=2)
    for batch in loader:
        print(batch)

if __name__ == "__main__":
    main()
`;
/** The line (1-based) of the DataLoader call, where its one finding must be. */
const DATALOADER_LINE = DATALOADER_SOURCE.split('\n').findIndex((line) => line.includes('DataLoader(Squares')) + 1;
const started = Date.now();

function log(message) {
    console.log(`e2e [${((Date.now() - started) / 1000).toFixed(1)}s] ${message}`);
}

function newestVsix() {
    const given = process.argv[2];
    if (given) {
        return resolve(given);
    }
    const files = readdirSync(clientDir).filter((name) => /^mp-lsp-.*\.vsix$/.test(name)).sort();
    if (files.length === 0) {
        throw new Error('no mp-lsp-*.vsix in vscode-client: run `npm run package` (or `npm run e2e`)');
    }
    return join(clientDir, files[files.length - 1]);
}

function freePort() {
    return new Promise((resolvePort, reject) => {
        const server = createServer();
        server.once('error', reject);
        server.listen(0, '127.0.0.1', () => {
            const { port } = server.address();
            server.close(() => resolvePort(port));
        });
    });
}

/** The pids of processes whose command line contains `needle`, with their executables. */
function processesRunning(needle) {
    const found = [];
    for (const pid of readdirSync('/proc').filter((name) => /^\d+$/.test(name))) {
        try {
            const commandLine = readFileSync(`/proc/${pid}/cmdline`, 'utf8').split('\0');
            if (commandLine.some((part) => part.includes(needle))) {
                found.push({ pid: Number(pid), exe: readlinkSync(`/proc/${pid}/exe`), commandLine });
            }
        } catch {
            // gone, or not ours to read
        }
    }
    return found;
}

async function waitFor(description, check, timeoutMs = 60000, intervalMs = 250) {
    const deadline = Date.now() + timeoutMs;
    let last;
    while (Date.now() < deadline) {
        try {
            last = await check();
            if (last) {
                return last;
            }
        } catch (error) {
            last = error;
        }
        await new Promise((r) => setTimeout(r, intervalMs));
    }
    throw new Error(`timed out after ${timeoutMs / 1000}s waiting for ${description}${last instanceof Error ? `: ${last.message}` : ''}`);
}

const failures = [];
let passed = 0;
function check(condition, message) {
    if (condition) {
        passed += 1;
        log(`ok: ${message}`);
    } else {
        failures.push(message);
        log(`FAILED: ${message}`);
    }
}

async function main() {
    if (!existsSync(browserPath)) {
        throw new Error(`no Chromium at ${browserPath}: run e2e/setup-code-server.sh (or set MP_LSP_E2E_CHROMIUM)`);
    }
    if (!existsSync(codeServer)) {
        throw new Error(`code-server is not installed at ${codeServer}: run e2e/setup-code-server.sh`);
    }
    const vsix = newestVsix();
    rmSync(artifacts, { recursive: true, force: true });
    mkdirSync(artifacts, { recursive: true });
    const root = mkdtempSync(join(tmpdir(), 'mp-lsp-e2e-'));
    const userData = join(root, 'user-data');
    const extensions = join(root, 'extensions');
    const workspace = join(root, 'workspace');
    const bin = join(root, 'bin');
    for (const folder of [userData, extensions, workspace, bin, join(userData, 'User')]) {
        mkdirSync(folder, { recursive: true });
    }
    cpSync(example, join(workspace, 'lambda_map.py'));
    const file = join(workspace, 'lambda_map.py');
    // The files that later checks open are there from the start: Quick Open answers the first
    // query of each session from the file list of the previous session while it lists the
    // files again, so a file created after the first Quick Open may not be offered at once.
    writeFileSync(join(workspace, 'roots.ipynb'), JSON.stringify(NOTEBOOK, null, 1));
    writeFileSync(join(workspace, DATALOADER_FILE), DATALOADER_SOURCE);

    // python3 on PATH is the system Python, which must not have the server's libraries.
    symlinkSync(python, join(bin, 'python3'));
    // VSCODE_CLI=1: VS Code's server then takes this environment as it is, instead of the one a
    // login shell would make (whose profile may put another python3 first on PATH).
    const env = { ...process.env, PATH: `${bin}:${process.env.PATH}`, VSCODE_CLI: '1' };
    for (const name of ['VIRTUAL_ENV', 'PYTHONPATH', 'PYTHONHOME', 'CONDA_PREFIX']) {
        delete env[name];
    }
    const importable = spawnSync(python, ['-c', 'import pygls'], { env }).status === 0
        || spawnSync(python, ['-c', 'import mp_lsp'], { env }).status === 0;
    check(!importable, `${python} has neither pygls nor mp_lsp installed, so only the bundled libraries can run the server`);

    writeFileSync(join(userData, 'User', 'settings.json'), JSON.stringify({
        'workbench.startupEditor': 'none',
        'workbench.welcomePage.walkthroughs.openOnInstall': false,
        'workbench.tips.enabled': false,
        'security.workspace.trust.enabled': false,
        'telemetry.telemetryLevel': 'off',
        'update.mode': 'none',
        'extensions.autoCheckUpdates': false,
        'extensions.autoUpdate': false,
        'extensions.ignoreRecommendations': true,
        'workbench.enableExperiments': false,
        'editor.hover.delay': 200,
        'editor.minimap.enabled': false,
        'window.title': 'mp-lsp e2e',
        'mp-lsp.trace.server': 'messages',
    }, null, 2));
    const configFile = join(root, 'config.yaml');
    writeFileSync(configFile, 'auth: none\ncert: false\n');
    const common = ['--config', configFile, '--user-data-dir', userData, '--extensions-dir', extensions];

    log(`installing ${vsix}`);
    const install = spawnSync(process.execPath, [codeServer, ...common, '--install-extension', vsix], { env, encoding: 'utf8' });
    check(install.status === 0 && /was successfully installed/.test(install.stdout), `code-server --install-extension ${vsix.split('/').pop()}`);
    if (install.status !== 0) {
        throw new Error(`install failed:\n${install.stdout}\n${install.stderr}`);
    }

    const servers = [];
    const consoleLog = [];
    /** Starts code-server on a free port; resolves once it listens. */
    async function startCodeServer(label) {
        const port = await freePort();
        const child = spawn(process.execPath, [
            codeServer, ...common,
            '--auth', 'none', '--bind-addr', `127.0.0.1:${port}`,
            '--disable-telemetry', '--disable-update-check', '--disable-workspace-trust',
            '--disable-getting-started-override', '--ignore-last-opened',
            workspace,
        ], { env, detached: true, stdio: ['ignore', 'pipe', 'pipe'] });
        const server = { child, port, label, output: '' };
        servers.push(server);
        child.stdout.on('data', (chunk) => (server.output += chunk));
        child.stderr.on('data', (chunk) => (server.output += chunk));
        await waitFor('code-server to listen', () => /HTTP server listening/.test(server.output), 60000);
        log(`code-server ${VERSION} on port ${port}`);
        return server;
    }
    async function stopCodeServer(server) {
        if (server.stopped) {
            return;
        }
        server.stopped = true;
        const exited = server.child.exitCode !== null || server.child.signalCode !== null
            ? Promise.resolve()
            : new Promise((r) => server.child.once('exit', r));
        const kill = (signal) => {
            try {
                process.kill(-server.child.pid, signal);
            } catch {
                // already gone
            }
        };
        kill('SIGTERM');
        await Promise.race([exited, new Promise((r) => setTimeout(r, 5000))]);
        kill('SIGKILL'); // the rest of its process group (extension host, language server)
        writeFileSync(join(artifacts, `code-server-${server.label}.log`), server.output);
    }
    /** A new page on the workbench, with lambda_map.py open. */
    async function openWorkbench(server) {
        const page = await browser.newPage({ viewport: { width: 1400, height: 860 } });
        page.on('console', (message) => {
            if (message.type() === 'error' || message.type() === 'warning') {
                consoleLog.push(`[${server.label}] ${message.type()}: ${message.text()}`);
            }
        });
        await page.goto(`http://127.0.0.1:${server.port}/?folder=${encodeURIComponent(workspace)}`);
        await page.waitForSelector('.monaco-workbench', { timeout: 90000 });
        await page.waitForSelector('.explorer-folders-view .monaco-list-row', { timeout: 90000 });
        log('workbench loaded');
        await quickOpen(page, 'lambda_map.py');
        await page.waitForSelector('.monaco-editor .view-lines', { state: 'visible' });
        log('lambda_map.py open');
        return page;
    }
    /**
     * Opens a workspace file with Quick Open (Ctrl+P), and waits for its tab to be the active
     * one. Enter is pressed only once the focused row is that file. Until the file search
     * answers, the list keeps the rows it had (the editors opened before, "recently opened"),
     * and Enter would reopen one of those: with a fresh profile, that is what kept the notebook
     * from ever opening. And the first query of a Quick Open session is answered from the
     * previous session's file list (VS Code's FileQueryCacheState) while the files are listed
     * again: if the file is not offered, the query is typed again, as a user would.
     */
    async function quickOpen(page, name) {
        const input = page.locator('.quick-input-widget input');
        const focused = page.locator('.quick-input-list .monaco-list-row.focused .label-name');
        const offered = async () => (await focused.count()) > 0 && (await focused.first().innerText()).trim() === name;
        await page.keyboard.press('Control+P');
        await input.waitFor({ state: 'visible' });
        const rows = [];
        await waitFor(`Quick Open to offer ${name}`, async () => {
            await input.fill('');
            await input.fill(name);
            try {
                return await waitFor(`${name} in the list`, offered, 3000, 100);
            } catch (error) {
                rows.splice(0, rows.length, ...(await page.locator('.quick-input-list .monaco-list-row').allInnerTexts()));
                throw new Error(`the list shows ${JSON.stringify(rows.map((row) => row.replace(/\s+/g, ' ')))}`);
            }
        }, 30000, 0);
        await page.keyboard.press('Enter');
        await input.waitFor({ state: 'hidden' });
        await page.locator('.tabs-container .tab.active', { hasText: name }).waitFor({ state: 'visible', timeout: 30000 });
    }
    /**
     * The text of the visible hover once it matches every pattern and has faded in (for the
     * screenshots), or what it shows after `timeoutMs` (empty if there is none), for the
     * caller's check to report.
     */
    async function hoverText(page, patterns, timeoutMs = 30000) {
        const hover = page.locator('.monaco-hover:visible').first();
        let text = '';
        try {
            await waitFor(`a hover matching ${patterns.join(' and ')}`, async () => {
                text = (await hover.count()) > 0 ? (await hover.innerText()).replace(/\s+/g, ' ') : '';
                return patterns.every((pattern) => pattern.test(text));
            }, timeoutMs);
            await waitFor('the hover to fade in', () => hover.evaluate((element) => {
                for (let at = element; at; at = at.parentElement) {
                    if (Number(getComputedStyle(at).opacity) < 1) {
                        return false;
                    }
                }
                return true;
            }), 5000, 50);
        } catch {
            // reported by the caller's check, with the text it got
        }
        return text;
    }
    /** Shows the Problems panel (Ctrl+Shift+M toggles it: pressed only when it is hidden). */
    async function showProblems(page) {
        if (!(await page.locator('.markers-panel').isVisible())) {
            await page.keyboard.press('Control+Shift+M');
        }
        await page.locator('.markers-panel').waitFor({ state: 'visible', timeout: 10000 });
    }
    /**
     * The Problems panel's entries under the file `name`: the text of each (message, source,
     * code, position), followed by that of its related information rows.
     */
    async function problemsOf(page, name) {
        return page.locator('.markers-panel .monaco-list-row').evaluateAll((rows, fileName) => {
            const found = [];
            let inFile = false;
            rows.sort((a, b) => Number(a.getAttribute('data-index')) - Number(b.getAttribute('data-index')));
            for (const row of rows) {
                const level = row.getAttribute('aria-level');
                const text = row.innerText.replace(/\s+/g, ' ').trim();
                if (level === '1') {
                    inFile = row.querySelector('.label-name')?.textContent?.trim() === fileName;
                } else if (inFile && level === '2') {
                    found.push(text);
                } else if (inFile && found.length > 0) {
                    found[found.length - 1] += ` (related: ${text})`;
                }
            }
            return found;
        }, name);
    }
    /** Opens roots.ipynb: MP010's squiggle in the sending cell, its Problems entry, the hover. */
    async function checkNotebook(page) {
        await page.mouse.move(5, 400);
        await page.keyboard.press('Escape');
        await quickOpen(page, 'roots.ipynb');
        await page.waitForSelector('.notebook-editor .cell-list-container', { state: 'visible', timeout: 60000 });
        log('roots.ipynb open in the notebook editor');
        const warning = page.locator('.notebook-editor .cell-list-container .monaco-editor .squiggly-warning').first();
        await warning.waitFor({ state: 'attached', timeout: 120000 });
        const where = await warning.evaluate((element) => {
            const row = element.closest('.monaco-list-row');
            return { index: Number(row?.getAttribute('data-index')), text: row?.querySelector('.view-lines')?.textContent ?? '' };
        });
        log(`notebook squiggle in cell ${where.index}: ${where.text.replace(/\s+/g, ' ')}`);
        check(where.index === NOTEBOOK_SINK_CELL && /pool\.map\(square/.test(where.text.replace(/\u00a0/g, ' ')), `the notebook squiggle is in the cell that sends square (cell ${where.index})`);
        const squiggles = await page.locator('.notebook-editor .cell-list-container .monaco-editor .squiggly-warning, .notebook-editor .cell-list-container .monaco-editor .squiggly-error').count();
        check(squiggles === 1, `one squiggle in the notebook (${squiggles})`);
        await showProblems(page);
        const entry = page.locator('.markers-panel .monaco-list-row', { hasText: 'MP010' }).first();
        await entry.waitFor({ state: 'visible', timeout: 30000 });
        const entryText = (await entry.innerText()).replace(/\s+/g, ' ');
        log(`Problems panel: ${entryText}`);
        check(/defined in a notebook cell/.test(entryText) && /spawn and forkserver/.test(entryText), 'the Problems entry has the MP010 message, naming spawn and forkserver');
        const box = await warning.boundingBox();
        await page.mouse.move(box.x + Math.min(12, box.width / 2), box.y + box.height / 2);
        const notebookHover = await hoverText(page, [/MP010/, /pool\.map/i, /square/]);
        log(`notebook hover: ${notebookHover}`);
        check(/MP010/.test(notebookHover) && /pool\.map/i.test(notebookHover) && /square/.test(notebookHover), 'the hover in the cell shows MP010 and explains what Pool.map sends');
        await page.screenshot({ path: join(artifacts, 'notebook-hover.png') });
        log(`screenshot ${join(artifacts, 'notebook-hover.png')}`);
        await page.mouse.move(5, 400);
        await page.keyboard.press('Escape');
    }

    /**
     * Opens squares_loader.py (a DataLoader with workers, given a Dataset that holds a lambda):
     * one mp-lsp finding, on the DataLoader call's line, and a hover over `DataLoader(` that
     * names it. Failures are reported with the diagnostics and the hover the test got.
     */
    async function checkDataLoader(page) {
        await page.mouse.move(5, 400);
        await page.keyboard.press('Escape');
        await quickOpen(page, DATALOADER_FILE);
        log(`${DATALOADER_FILE} open`);
        await showProblems(page);
        // The server logs each analysis ("analysed <path> v<n> ...: <k> finding(s)"): once the
        // file's is logged, its diagnostics are all published.
        const analysed = () => {
            const logs = spawnSync('find', [join(userData, 'logs'), '-name', '*mp-lsp*.log'], { encoding: 'utf8' }).stdout.trim().split('\n').filter(Boolean);
            return logs.flatMap((path) => readFileSync(path, 'utf8').split('\n')).filter((line) => line.includes(`analysed ${join(workspace, DATALOADER_FILE)}`));
        };
        let problems = [];
        try {
            await waitFor(`the analysis of ${DATALOADER_FILE} and its diagnostics`, async () => {
                problems = await problemsOf(page, DATALOADER_FILE);
                const lines = analysed();
                const findings = Number(/: (\d+) finding/.exec(lines[lines.length - 1] ?? '')?.[1] ?? NaN);
                // Done when the panel shows what the last analysis found (without that log
                // line, say if its wording changes: when the panel shows something).
                return Number.isNaN(findings) ? problems.length > 0 : problems.length === findings;
            }, 60000);
        } catch (error) {
            log(`${DATALOADER_FILE}: ${error.message}`);
        }
        problems = await problemsOf(page, DATALOADER_FILE);
        const got = `got ${problems.length} diagnostic(s)${problems.length ? `: ${problems.map((text) => JSON.stringify(text)).join('; ')}` : ''}; the server's log: ${analysed().map((line) => line.replace(/^.*\] analysed /, 'analysed ')).join(' | ') || 'no analysis of the file'}`;
        log(`${DATALOADER_FILE}: ${got}`);
        const ours = problems.filter((text) => /mp-lsp/.test(text));
        check(ours.length === 1 && problems.length === 1, `one mp-lsp diagnostic in ${DATALOADER_FILE} (${got})`);
        const onLine = ours.filter((text) => new RegExp(`\\[Ln ${DATALOADER_LINE}, Col \\d+\\]`).test(text));
        check(ours.length > 0 && onLine.length === ours.length, `the DataLoader diagnostic is on the DataLoader call's line, ${DATALOADER_LINE} (${ours.map((text) => /\[Ln \d+, Col \d+\]/.exec(text)?.[0] ?? text).join(', ') || 'none'})`);

        // The hover over `DataLoader(`: where the word is drawn in the editor.
        const word = await page.evaluate(() => {
            for (const line of document.querySelectorAll('.editor-group-container.active .monaco-editor .view-line')) {
                const at = (line.textContent ?? '').indexOf('DataLoader(Squares');
                if (at < 0 || line.getBoundingClientRect().width === 0) {
                    continue;
                }
                // the text node and offset of the line's character `at`, then its box
                const walker = document.createTreeWalker(line, NodeFilter.SHOW_TEXT);
                let seen = 0;
                for (let node = walker.nextNode(); node; node = walker.nextNode()) {
                    const length = node.textContent.length;
                    if (seen + length > at) {
                        const range = document.createRange();
                        range.setStart(node, at - seen);
                        range.setEnd(node, Math.min(length, at - seen + 'DataLoader'.length));
                        const box = range.getBoundingClientRect();
                        return { x: box.x, y: box.y, width: box.width, height: box.height };
                    }
                    seen += length;
                }
            }
            return undefined;
        });
        if (!word) {
            check(false, `the DataLoader(...) line is shown in the editor of ${DATALOADER_FILE}`);
            return;
        }
        const at = { x: word.x + word.width / 2, y: word.y + word.height / 2 };
        await page.mouse.move(at.x, at.y);
        const under = await page.evaluate(({ x, y }) => document.elementFromPoint(x, y)?.textContent ?? '', at);
        const text = await hoverText(page, [/DataLoader/]);
        log(`DataLoader hover (the mouse on ${JSON.stringify(under)}): ${text || '(no hover)'}`);
        check(/DataLoader/.test(text), `the hover over DataLoader( mentions DataLoader (${text ? JSON.stringify(text) : `no hover; the mouse on ${JSON.stringify(under)}`})`);
        await page.screenshot({ path: join(artifacts, 'dataloader-hover.png') });
        log(`screenshot ${join(artifacts, 'dataloader-hover.png')}`);
        await page.mouse.move(5, 400);
        await page.keyboard.press('Escape');
    }

    /** The server processes started from the installed extension. */
    const serverProcesses = () => processesRunning('lsp_server.py').filter((p) => p.commandLine.some((part) => part.startsWith(extensions)));

    let browser;
    let page;
    try {
        const first = await startCodeServer('bundled');
        browser = await chromium.launch({
            executablePath: browserPath,
            args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--disable-sync', '--no-first-run', '--disable-quic'],
        });
        page = await openWorkbench(first);

        // The diagnostic: a squiggle in the editor...
        const squiggle = page.locator('.monaco-editor .squiggly-error').first();
        await squiggle.waitFor({ state: 'attached', timeout: 120000 });
        check(true, 'an error squiggle appeared in the editor');

        // ...run by the system Python from the bundled libraries.
        const running = serverProcesses();
        check(running.length === 1, `one server process runs the launcher from the installed extension (${running.map((p) => p.pid).join(', ')})`);
        if (running.length > 0) {
            check(running[0].commandLine[0] === join(bin, 'python3') && realpathSync(running[0].exe) === realpathSync(python), `the server runs on python3 from PATH, ${python} (${running[0].commandLine[0]} -> ${running[0].exe})`);
        }

        const status = page.locator('.statusbar-item', { hasText: 'mp-lsp' }).first();
        await waitFor('the status bar item to say ready', async () => (await status.getAttribute('aria-label'))?.includes('ready') || (await status.locator('[aria-label*="ready"]').count()) > 0, 30000);
        check(true, 'the status bar item says the server is ready');

        // ...and an entry in the Problems panel with our code and message.
        await page.keyboard.press('Control+Shift+M');
        const problem = page.locator('.markers-panel .monaco-list-row', { hasText: 'MP001' }).first();
        await problem.waitFor({ state: 'visible', timeout: 30000 });
        const problemText = (await problem.innerText()).replace(/\s+/g, ' ');
        log(`Problems panel: ${problemText}`);
        check(/is a lambda, which `?Pool\.map`? cannot pickle/.test(problemText), 'the Problems entry has the MP001 message');
        check(/mp-lsp/.test(problemText), 'the Problems entry names the source mp-lsp');

        // The hover over the lambda: the diagnostic and the server's explanation.
        const box = await squiggle.boundingBox();
        await page.mouse.move(box.x + Math.min(20, box.width / 2), box.y + box.height / 2);
        // The hover has the diagnostic's part and the server's explanation, which says what
        // Pool.map pickles (the diagnostic alone says it "cannot pickle").
        const lambdaHover = await hoverText(page, [/pool\.map/i, /cannot pickle/i, /pool\.map pickles/i]);
        log(`hover: ${lambdaHover}`);
        check(/pool\.map/i.test(lambdaHover) && /pickl/i.test(lambdaHover), 'the hover explains that Pool.map must pickle the lambda');
        await page.screenshot({ path: join(artifacts, 'diagnostic-hover.png') });
        log(`screenshot ${join(artifacts, 'diagnostic-hover.png')}`);

        // A setting changed while the server runs takes effect without a reload: ignoring
        // MP001 in the workspace settings removes the problem, and clearing it brings it back.
        await page.mouse.move(5, 400);
        await page.keyboard.press('Escape');
        const workspaceSettings = join(workspace, '.vscode', 'settings.json');
        mkdirSync(dirname(workspaceSettings), { recursive: true });
        writeFileSync(workspaceSettings, JSON.stringify({ 'mp-lsp.ignore': ['MP001'] }));
        await waitFor('the problem to go once MP001 is ignored', async () => (await page.locator('.monaco-editor .squiggly-error').count()) === 0, 30000);
        check(true, 'setting mp-lsp.ignore to ["MP001"] removes the problem, without a reload');
        writeFileSync(workspaceSettings, JSON.stringify({}));
        await squiggle.waitFor({ state: 'attached', timeout: 30000 });
        check(true, 'clearing mp-lsp.ignore brings the problem back');

        // The quick fix.
        await page.mouse.move(5, 400);
        await page.keyboard.press('Escape');
        await page.mouse.click(box.x + Math.min(20, box.width / 2), box.y + box.height / 2);
        await page.keyboard.press('Control+.');
        const fix = page.locator('.action-widget .monaco-list-row', { hasText: FIX_TITLE }).first();
        await fix.waitFor({ state: 'visible', timeout: 30000 });
        const fixText = (await fix.innerText()).replace(/\s+/g, ' ');
        log(`quick fix: ${fixText}`);
        await page.screenshot({ path: join(artifacts, 'quick-fix.png') });
        // Apply it from the keyboard (a mouse click may land on the menu's pointer block):
        // move the focus down to it, then Enter.
        for (let i = 0; i < 10 && !(await fix.getAttribute('class')).includes('focused'); i++) {
            await page.keyboard.press('ArrowDown');
        }
        check((await fix.getAttribute('class')).includes('focused'), `the quick fix "${FIX_TITLE}..." is offered and selected`);
        await page.keyboard.press('Enter');

        await waitFor('the squiggle to go', async () => (await page.locator('.monaco-editor .squiggly-error').count()) === 0, 60000);
        check(true, 'the squiggle is gone after the quick fix');
        await waitFor('the Problems entry to go', async () => (await page.locator('.markers-panel .monaco-list-row', { hasText: 'MP001' }).count()) === 0, 30000);
        check(true, 'the Problems panel no longer lists MP001');
        await page.keyboard.press('Control+S');
        const fixed = await waitFor('the fixed file on disk', () => {
            const text = readFileSync(file, 'utf8');
            return text.includes('pool.map(lambda') ? undefined : text;
        }, 15000);
        await page.screenshot({ path: join(artifacts, 'fixed.png') });
        check(/^def \w+\(/m.test(fixed), 'the saved file has the lambda as a module-level function');
        const ran = spawnSync(python, [file], { encoding: 'utf8', cwd: workspace, timeout: 60000 });
        check(ran.status === 0 && /^\[(-?\d+\.\d+(e-?\d+)?, ){5}-?\d+\.\d+(e-?\d+)?\]$/.test(ran.stdout.trim()), `the fixed program runs: ${ran.stdout.trim() || ran.stderr.trim().split('\n').pop()}`);

        // Failures: a server that crashes while starting gives one notification, saying what
        // happened, and is not restarted in a loop; the status bar item says "failed".
        const crashing = join(bin, 'crashing-python');
        const runs = join(root, 'crashing-python.runs');
        writeFileSync(crashing, `#!/bin/sh\necho run >> '${runs}'\necho 'Traceback (most recent call last):' >&2\necho 'RuntimeError: the server broke' >&2\nexit 1\n`, { mode: 0o755 });
        writeFileSync(workspaceSettings, JSON.stringify({ 'mp-lsp.interpreter': crashing }));
        const toast = (text) => page.locator('.notifications-toasts .notification-toast', { hasText: text });
        await toast('stopped while starting').first().waitFor({ state: 'visible', timeout: 30000 });
        await page.waitForTimeout(5000);
        const crashText = (await toast('stopped while starting').first().innerText()).replace(/\s+/g, ' ');
        log(`notification: ${crashText}`);
        check(/the language server stopped while starting \(exit code 1\): RuntimeError: the server broke/.test(crashText), 'the notification says the server stopped while starting, and why');
        check((await toast('mp-lsp').count()) === 1, 'one notification, not one per retry');
        check(readFileSync(runs, 'utf8').trim().split('\n').length === 1, 'the crashing server was started once (no restart loop)');
        check((await page.locator('.statusbar-item', { hasText: 'mp-lsp' }).first().innerHTML()).includes('failed'), 'the status bar item says failed');
        await page.screenshot({ path: join(artifacts, 'failure-notification.png') });

        writeFileSync(workspaceSettings, JSON.stringify({ 'mp-lsp.interpreter': '/nonexistent/python3' }));
        await toast('does not exist').first().waitFor({ state: 'visible', timeout: 30000 });
        check(true, 'a missing mp-lsp.interpreter is reported as such');

        // Clearing the setting starts a working server again.
        writeFileSync(workspaceSettings, JSON.stringify({}));
        await waitFor('the status bar item to say ready again', async () => (await page.locator('.statusbar-item', { hasText: 'mp-lsp' }).first().innerHTML()).includes('ready'), 60000);
        check(true, 'clearing the setting restarts the server, which is ready again');
        // A notebook (VS Code's built-in .ipynb support; no Jupyter extension, no kernel): the
        // function defined in a cell and sent to a pool is flagged in the cell that sends it,
        // and the hover there explains it.
        await checkNotebook(page);
        // A torch DataLoader with worker processes pickles its dataset (and the lambda in it)
        // for them; torch is not installed, the server knows it from the import.
        await checkDataLoader(page);

        const unhandled = consoleLog.filter((line) => /rejected promise not handled|\[mp-lsp\.mp-lsp\]/.test(line));
        check(unhandled.length === 0, `no unhandled errors from the extension in the extension host${unhandled.length ? `: ${unhandled.join(' | ')}` : ''}`);
        await page.close();
        await stopCodeServer(first);

        // With the Python extension (a stand-in): its selected interpreter runs the server, and
        // selecting another one restarts it there.
        cpSync(example, file);
        const selected = [join(root, 'env-a', 'bin', 'python'), join(root, 'env-b', 'bin', 'python')];
        for (const executable of selected) {
            mkdirSync(dirname(executable), { recursive: true });
            symlinkSync(python, executable);
        }
        const stub = join(root, 'python-extension-stub');
        cpSync(join(clientDir, 'e2e', 'python-extension-stub'), stub, { recursive: true });
        writeFileSync(join(stub, 'interpreters.json'), JSON.stringify(selected));
        const stubVsix = join(root, 'python-extension-stub.vsix');
        const vsce = join(clientDir, 'node_modules', '@vscode', 'vsce', 'vsce');
        const packaged = spawnSync(process.execPath, [vsce, 'package', '--no-dependencies', '--skip-license', '--allow-missing-repository', '--out', stubVsix], { cwd: stub, env, encoding: 'utf8' });
        if (packaged.status !== 0) {
            throw new Error(`packaging the Python extension stand-in failed:\n${packaged.stdout}\n${packaged.stderr}`);
        }
        const stubInstall = spawnSync(process.execPath, [codeServer, ...common, '--install-extension', stubVsix], { env, encoding: 'utf8' });
        check(stubInstall.status === 0, 'the Python extension stand-in (ms-python.python) is installed');
        const second = await startCodeServer('python-extension');
        page = await openWorkbench(second);
        await page.locator('.monaco-editor .squiggly-error').first().waitFor({ state: 'attached', timeout: 120000 });
        const onSelected = await waitFor('one server process', () => (serverProcesses().length === 1 ? serverProcesses()[0] : undefined), 10000);
        check(onSelected.commandLine[0] === selected[0], `the server runs on the Python extension's selected interpreter (${onSelected.commandLine[0]})`);
        await page.keyboard.press('F1');
        await page.waitForSelector('.quick-input-widget input', { state: 'visible' });
        await page.keyboard.type('mp-lsp e2e: Select the next interpreter');
        await page.waitForSelector('.quick-input-list .monaco-list-row', { state: 'visible' });
        await page.keyboard.press('Enter');
        const onNext = await waitFor('the server to restart on the newly selected interpreter', () => {
            const found = serverProcesses();
            return found.length === 1 && found[0].commandLine[0] === selected[1] ? found[0] : undefined;
        }, 30000);
        check(onNext.pid !== onSelected.pid, `selecting another interpreter restarts the server on it (${onNext.commandLine[0]})`);
        await page.locator('.monaco-editor .squiggly-error').first().waitFor({ state: 'attached', timeout: 60000 });
        check(true, 'the restarted server reports the problem again');
        await page.close();
        await stopCodeServer(second);
    } catch (error) {
        failures.push(error instanceof Error ? error.message : String(error));
        log(`FAILED: ${error instanceof Error ? error.stack : error}`);
        if (page) {
            await page.screenshot({ path: join(artifacts, 'failure.png') }).catch(() => undefined);
        }
    } finally {
        await browser?.close().catch(() => undefined);
        for (const server of servers) {
            await stopCodeServer(server);
        }
        writeFileSync(join(artifacts, 'browser-console.log'), consoleLog.join('\n') + '\n');
        // The extension's output channel, for the record.
        const logs = spawnSync('find', [join(userData, 'logs'), '-name', '*mp-lsp*.log'], { encoding: 'utf8' }).stdout.trim().split('\n').filter(Boolean);
        logs.forEach((path, index) => cpSync(path, join(artifacts, `mp-lsp-output-${index + 1}.log`)));
        if (failures.length > 0 && logs.length > 0) {
            console.log(readFileSync(logs[0], 'utf8').split('\n').slice(-60).join('\n'));
        }
        rmSync(root, { recursive: true, force: true });
    }
    const seconds = ((Date.now() - started) / 1000).toFixed(1);
    if (failures.length > 0) {
        console.log(`e2e: failed in ${seconds}s:\n- ${failures.join('\n- ')}`);
    } else {
        console.log(`e2e: passed in ${seconds}s`);
    }
    console.log(`e2e: ${passed} passed, ${failures.length} failed`);
    process.exit(failures.length > 0 ? 1 : 0);
}

await main();
