/**
 * kwis for teachers in JupyterLab. Every bank open in the file editor gets the problems that
 * `kwis validate` and `kwis lint` report as CodeMirror lint underlines (updated while typing), a
 * Preview panel that shows the question under the cursor, and a "Try it" button; File > New and
 * the launcher make a starter bank. All bank logic runs in Python on the server (`kwis.lab`).
 */
import {
  JupyterFrontEnd,
  JupyterFrontEndPlugin
} from '@jupyterlab/application';
import { InputDialog, MainAreaWidget, ToolbarButton } from '@jupyterlab/apputils';
import { CodeMirrorEditor } from '@jupyterlab/codemirror';
import { IDocumentManager } from '@jupyterlab/docmanager';
import { IDocumentWidget } from '@jupyterlab/docregistry';
import { IDefaultFileBrowser } from '@jupyterlab/filebrowser';
import { FileEditor, IEditorTracker } from '@jupyterlab/fileeditor';
import { ILauncher } from '@jupyterlab/launcher';
import { IMainMenu } from '@jupyterlab/mainmenu';
import { LabIcon } from '@jupyterlab/ui-components';
import { Diagnostic, forceLinting, linter, lintGutter } from '@codemirror/lint';
import { Text } from '@codemirror/state';
import { EditorView } from '@codemirror/view';
import { Widget } from '@lumino/widgets';

import { ICheckResult, IProblem, requestAPI } from './request';

const COMMAND_NEW = 'kwis:new-bank';
const COMMAND_PREVIEW = 'kwis:preview';
const COMMAND_TRY = 'kwis:try';
const LINT_DELAY_MS = 500;
const CURSOR_DELAY_MS = 250;

type BankEditor = IDocumentWidget<FileEditor>;

/** A question mark on a card: the launcher's and the menu's sign for a question bank. */
const bankIcon = new LabIcon({
  name: 'kwis:bank',
  svgstr:
    '<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 24 24"><g class="jp-icon3" fill="#616161">' +
    '<path d="M4 3h16a1 1 0 0 1 1 1v16a1 1 0 0 1-1 1H4a1 1 0 0 1-1-1V4a1 1 0 0 1 1-1zm1 2v14h14V5z"/>' +
    '<path d="M12 6.5a3.2 3.2 0 0 0-3.3 3.1h1.9c0-.8.6-1.3 1.4-1.3s1.4.5 1.4 1.2c0 .6-.3.9-1 1.4-.9.6-1.4 1.2-1.4 2.4v.4h1.9v-.3c0-.7.3-1 1-1.5.9-.6 1.5-1.3 1.5-2.5 0-1.8-1.5-2.9-3.4-2.9zM11 15.5h2v2h-2z"/>' +
    '</g></svg>'
});

/** A YAML file whose first key is `kwis:` (comments and blank lines may come first). */
export function isBank(path: string, text: string): boolean {
  return /\.ya?ml$/i.test(path) && /^kwis\s*:/m.test(text);
}

/** The CodeMirror range of a problem: from its column to the end of the word there. */
export function problemRange(doc: Text, problem: IProblem): { from: number; to: number } {
  const line = doc.line(Math.min(Math.max(problem.line, 1), doc.lines));
  const from = Math.min(line.from + Math.max(problem.column - 1, 0), line.to);
  const rest = doc.sliceString(from, line.to);
  const word = rest.match(/^[^\s:,\]}]+/);
  return { from, to: from + (word ? word[0].length : rest.length) };
}

function diagnostic(doc: Text, problem: IProblem): Diagnostic {
  const { from, to } = problemRange(doc, problem);
  const fix = problem.fix ? `\nfix: ${problem.fix}` : '';
  return {
    from,
    to,
    severity: problem.severity === 'error' ? 'error' : 'warning',
    source: problem.code ? `kwis ${problem.code}` : 'kwis',
    message: `${problem.message}${fix}`
  };
}

/** The panel beside a bank's editor: the question under the cursor, then the problems list. */
class PreviewPanel extends Widget {
  constructor(private readonly editor: BankEditor) {
    super();
    this.addClass('kwis-PreviewPanel');
    this.title.label = `Preview ${editor.context.localPath.split('/').pop()}`;
    this.title.closable = true;
    this.node.innerHTML =
      '<section class="kwis-PreviewPanel-question" aria-live="polite"></section>' +
      '<h3 class="kwis-PreviewPanel-heading"></h3><ul class="kwis-PreviewPanel-problems"></ul>';
  }

  show_result(result: ICheckResult): void {
    const question = this.node.querySelector('.kwis-PreviewPanel-question')!;
    // The server renders with kwis's own Markdown renderer and sanitises it (nh3).
    question.innerHTML = result.preview.html;
    question.setAttribute('data-question', result.preview.id ?? '');
    const nl = result.language === 'nl';
    const count = result.problems.length;
    this.node.querySelector('.kwis-PreviewPanel-heading')!.textContent = nl
      ? `${count} ${count === 1 ? 'probleem' : 'problemen'}`
      : `${count} ${count === 1 ? 'problem' : 'problems'}`;
    const list = this.node.querySelector('.kwis-PreviewPanel-problems')!;
    list.replaceChildren(...result.problems.map(p => this.problemItem(p)));
  }

  private problemItem(problem: IProblem): HTMLLIElement {
    const item = document.createElement('li');
    item.className = `kwis-problem kwis-problem-${problem.severity}`;
    const code = problem.code ? ` [${problem.code}]` : '';
    item.textContent = `${problem.line}:${problem.column} ${problem.severity}${code}: ${problem.message}`;
    if (problem.fix) {
      const fix = document.createElement('div');
      fix.className = 'kwis-problem-fix';
      fix.textContent = `fix: ${problem.fix}`;
      item.appendChild(fix);
    }
    item.tabIndex = 0;
    const jump = () => {
      const editor = this.editor.content.editor;
      editor.setCursorPosition({
        line: Math.max(problem.line - 1, 0),
        column: Math.max(problem.column - 1, 0)
      });
      editor.focus();
    };
    item.addEventListener('click', jump);
    item.addEventListener('keydown', event => {
      if (event.key === 'Enter') {
        jump();
      }
    });
    return item;
  }
}

/** The live checks of one bank editor: lint source, cursor-following preview, its panel. */
class BankSession {
  panel: MainAreaWidget<PreviewPanel> | null = null;
  private last: ICheckResult | null = null;
  private cursorTimer = 0;

  constructor(
    private readonly app: JupyterFrontEnd,
    readonly editor: BankEditor
  ) {
    const cm = editor.content.editor as CodeMirrorEditor;
    cm.injectExtension([
      linter(view => this.lint(view), { delay: LINT_DELAY_MS }),
      lintGutter(),
      EditorView.updateListener.of(update => {
        if (update.selectionSet && !update.docChanged) {
          this.scheduleCursorCheck(update.view);
        }
      })
    ]);
    editor.disposed.connect(() => this.panel?.dispose());
  }

  private text(view: EditorView): string {
    return view.state.doc.toString();
  }

  private cursorLine(view: EditorView): number {
    return view.state.doc.lineAt(view.state.selection.main.head).number;
  }

  private async check(view: EditorView): Promise<ICheckResult | null> {
    const text = this.text(view);
    if (!isBank(this.editor.context.path, text)) {
      return null;
    }
    const result = await requestAPI<ICheckResult>('check', {
      path: this.editor.context.path,
      text,
      line: this.cursorLine(view)
    });
    this.last = result;
    this.panel?.content.show_result(result);
    return result;
  }

  private async lint(view: EditorView): Promise<Diagnostic[]> {
    const doc = view.state.doc;
    try {
      const result = await this.check(view);
      return result ? result.problems.map(p => diagnostic(doc, p)) : [];
    } catch (error) {
      const message = `kwis could not check this bank: ${(error as Error).message}`;
      return [{ from: 0, to: Math.min(doc.length, 4), severity: 'error', source: 'kwis', message }];
    }
  }

  private scheduleCursorCheck(view: EditorView): void {
    window.clearTimeout(this.cursorTimer);
    this.cursorTimer = window.setTimeout(() => {
      void this.check(view).catch(() => undefined);
    }, CURSOR_DELAY_MS);
  }

  openPreview(): void {
    if (!this.panel || this.panel.isDisposed) {
      this.panel = new MainAreaWidget({ content: new PreviewPanel(this.editor) });
      this.panel.id = `kwis-preview-${this.editor.id}`;
      this.panel.title.label = this.panel.content.title.label;
      this.panel.addClass('kwis-PreviewArea');
      this.app.shell.add(this.panel, 'main', { mode: 'split-right', ref: this.editor.id });
    }
    this.app.shell.activateById(this.panel.id);
    if (this.last) {
      this.panel.content.show_result(this.last);
    }
    const view = (this.editor.content.editor as CodeMirrorEditor).editor;
    forceLinting(view);
    void this.check(view).catch(() => undefined);
  }
}

function addToolbar(app: JupyterFrontEnd, editor: BankEditor): void {
  editor.toolbar.addItem(
    'kwis-preview',
    new ToolbarButton({
      label: 'Preview',
      tooltip: 'kwis: preview the question under the cursor',
      onClick: () => void app.commands.execute(COMMAND_PREVIEW)
    })
  );
  editor.toolbar.addItem(
    'kwis-try',
    new ToolbarButton({
      label: 'Try it',
      tooltip: 'kwis: take this bank as a quiz in a scratch notebook',
      onClick: () => void app.commands.execute(COMMAND_TRY)
    })
  );
}

const plugin: JupyterFrontEndPlugin<void> = {
  id: 'kwis:plugin',
  description: 'Live problems, a preview and a starter template for kwis question banks.',
  autoStart: true,
  requires: [IEditorTracker, IDocumentManager],
  optional: [IDefaultFileBrowser, ILauncher, IMainMenu],
  activate: (
    app: JupyterFrontEnd,
    tracker: IEditorTracker,
    docManager: IDocumentManager,
    browser: IDefaultFileBrowser | null,
    launcher: ILauncher | null,
    mainMenu: IMainMenu | null
  ) => {
    const sessions = new Map<string, BankSession>();

    const attach = async (editor: BankEditor) => {
      await editor.context.ready;
      if (!/\.ya?ml$/i.test(editor.context.path) || sessions.has(editor.id)) {
        return;
      }
      sessions.set(editor.id, new BankSession(app, editor));
      addToolbar(app, editor);
      editor.disposed.connect(() => sessions.delete(editor.id));
    };
    tracker.forEach(editor => void attach(editor));
    tracker.widgetAdded.connect((_, editor) => void attach(editor));

    const current = (): BankSession | undefined => {
      const editor = tracker.currentWidget;
      return editor ? sessions.get(editor.id) : undefined;
    };

    app.commands.addCommand(COMMAND_PREVIEW, {
      label: 'Preview kwis Question',
      isEnabled: () => current() !== undefined,
      execute: () => current()?.openPreview()
    });

    app.commands.addCommand(COMMAND_TRY, {
      label: 'Try kwis Bank as a Quiz',
      isEnabled: () => current() !== undefined,
      execute: async () => {
        const session = current();
        if (!session) {
          return;
        }
        await session.editor.context.save();
        const answer = await requestAPI<{ path: string }>('try', {
          path: session.editor.context.path
        });
        const notebook = docManager.openOrReveal(answer.path) as
          | (Widget & { sessionContext?: { ready: Promise<void> } })
          | undefined;
        await notebook?.sessionContext?.ready;
        await app.commands.execute('notebook:run-all-cells');
      }
    });

    app.commands.addCommand(COMMAND_NEW, {
      label: 'kwis Question Bank',
      icon: bankIcon,
      caption: 'A new kwis question bank: one question of each type, every field explained',
      execute: async () => {
        const choice = await InputDialog.getItem({
          title: 'New kwis question bank',
          label: 'Language of the bank',
          items: ['Nederlands (nl)', 'English (en)'],
          okLabel: 'Create'
        });
        if (!choice.button.accept || !choice.value) {
          return;
        }
        const language = choice.value.includes('(en)') ? 'en' : 'nl';
        const answer = await requestAPI<{ path: string }>('new', {
          folder: browser?.model.path ?? '',
          language
        });
        docManager.openOrReveal(answer.path, 'Editor');
      }
    });

    launcher?.add({ command: COMMAND_NEW, category: 'Other', rank: 1 });
    mainMenu?.fileMenu.newMenu.addItem({ command: COMMAND_NEW, rank: 30 });
  }
};

export default plugin;
