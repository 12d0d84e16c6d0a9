// The status bar item: what the server is doing; a click opens the output.
import * as vscode from 'vscode';

export type ServerStatus = 'starting' | 'ready' | 'failed' | 'stopped' | 'disabled';

const LOOK: Record<ServerStatus, { icon: string; text: string }> = {
    starting: { icon: '$(loading~spin)', text: 'starting' },
    ready: { icon: '$(check)', text: 'ready' },
    failed: { icon: '$(error)', text: 'failed' },
    stopped: { icon: '$(debug-stop)', text: 'stopped' },
    disabled: { icon: '$(circle-slash)', text: 'disabled (mp-lsp.enable)' },
};

export class StatusItem implements vscode.Disposable {
    private readonly item: vscode.StatusBarItem;
    private current: ServerStatus = 'stopped';

    constructor(command: string) {
        this.item = vscode.window.createStatusBarItem('mp-lsp.status', vscode.StatusBarAlignment.Right, 100);
        this.item.name = 'mp-lsp';
        this.item.command = command;
        this.set('stopped');
        this.item.show();
    }

    get status(): ServerStatus {
        return this.current;
    }

    set(status: ServerStatus, detail?: string): void {
        this.current = status;
        const look = LOOK[status];
        this.item.text = `${look.icon} mp-lsp`;
        const tooltip = new vscode.MarkdownString(`**mp-lsp**: ${look.text}`);
        if (detail) {
            tooltip.appendText('\n\n' + detail);
        }
        tooltip.appendMarkdown('\n\nClick to show the output.');
        this.item.tooltip = tooltip;
        this.item.accessibilityInformation = { label: `mp-lsp ${look.text}` };
        this.item.backgroundColor = status === 'failed' ? new vscode.ThemeColor('statusBarItem.errorBackground') : undefined;
    }

    dispose(): void {
        this.item.dispose();
    }
}
