/**
 * kwis for teachers in JupyterLab. Every bank open in the file editor gets the problems that
 * `kwis validate` and `kwis lint` report as CodeMirror lint underlines (updated while typing), a
 * Preview panel that shows the question under the cursor, and a "Try it" button; File > New and
 * the launcher make a starter bank. All bank logic runs in Python on the server (`kwis.lab`).
 * Its own labels are Dutch or English (`labels.ts`): an open bank's follow the bank's language,
 * the others JupyterLab's UI language.
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
import { ITranslator } from '@jupyterlab/translation';
import { LabIcon } from '@jupyterlab/ui-components';
import { Diagnostic, forceLinting, linter, lintGutter } from '@codemirror/lint';
import { Text } from '@codemirror/state';
import { EditorView } from '@codemirror/view';
import { Widget } from '@lumino/widgets';

import { ILabels, LANGUAGE_NAMES, Language, labelsFor, languageOf } from './labels';
import { ICheckResult, IProblem, requestAPI } from './request';
import { warmUpPlugin } from './warmup';

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

function diagnostic(doc: Text, problem: IProblem, labels: ILabels): Diagnostic {
  const { from, to } = problemRange(doc, problem);
  const fix = problem.fix ? `\n${labels.fix}: ${problem.fix}` : '';
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
  constructor(
    private readonly editor: BankEditor,
    private labels: ILabels
  ) {
    super();
    this.addClass('kwis-PreviewPanel');
    this.relabel(labels);
    this.title.closable = true;
    this.node.innerHTML =
      '<section class="kwis-PreviewPanel-question" aria-live="polite"></section>' +
      '<h3 class="kwis-PreviewPanel-heading"></h3><ul class="kwis-PreviewPanel-problems"></ul>';
  }

  relabel(labels: ILabels): void {
    this.labels = labels;
    this.title.label = labels.previewTitle(this.editor.context.localPath.split('/').pop() ?? '');
  }

  show_result(result: ICheckResult): void {
    const question = this.node.querySelector('.kwis-PreviewPanel-question')!;
    // The server renders with kwis's own Markdown renderer and sanitises it (nh3).
    question.innerHTML = result.preview.html;
    question.setAttribute('data-question', result.preview.id ?? '');
    this.node.querySelector('.kwis-PreviewPanel-heading')!.textContent = this.labels.problems(
      result.problems.length
    );
    const list = this.node.querySelector('.kwis-PreviewPanel-problems')!;
    list.replaceChildren(...result.problems.map(p => this.problemItem(p)));
  }

  private problemItem(problem: IProblem): HTMLLIElement {
    const item = document.createElement('li');
    item.className = `kwis-problem kwis-problem-${problem.severity}`;
    const code = problem.code ? ` [${problem.code}]` : '';
    const severity = this.labels.severity[problem.severity];
    item.textContent = `${problem.line}:${problem.column} ${severity}${code}: ${problem.message}`;
    if (problem.fix) {
      const fix = document.createElement('div');
      fix.className = 'kwis-problem-fix';
      fix.textContent = `${this.labels.fix}: ${problem.fix}`;
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

/**
 * The live checks of one bank editor: lint source, cursor-following preview, its panel, its
 * toolbar buttons. Its labels speak the bank's language once the server has answered, until then
 * JupyterLab's UI language.
 */
class BankSession {
  panel: MainAreaWidget<PreviewPanel> | null = null;
  private last: ICheckResult | null = null;
  private cursorTimer = 0;

  constructor(
    private readonly app: JupyterFrontEnd,
    readonly editor: BankEditor,
    private language: Language
  ) {
    addToolbar(app, editor, this.labels);
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

  private get labels(): ILabels {
    return labelsFor(this.language);
  }

  private setLanguage(language: Language): void {
    if (language === this.language) {
      return;
    }
    this.language = language;
    addToolbar(this.app, this.editor, this.labels);
    if (this.panel && !this.panel.isDisposed) {
      this.panel.content.relabel(this.labels);
      this.panel.title.label = this.panel.content.title.label;
    }
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
    this.setLanguage(languageOf(result.language));
    this.panel?.content.show_result(result);
    return result;
  }

  private async lint(view: EditorView): Promise<Diagnostic[]> {
    const doc = view.state.doc;
    try {
      const result = await this.check(view);
      return result ? result.problems.map(p => diagnostic(doc, p, this.labels)) : [];
    } catch (error) {
      const message = this.labels.couldNotCheck((error as Error).message);
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
      this.panel = new MainAreaWidget({ content: new PreviewPanel(this.editor, this.labels) });
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

/** Adds the Preview and Try it buttons to the editor's toolbar, or relabels them (a new
 * button in the old one's place: a ToolbarButton keeps the label it was made with). */
function addToolbar(app: JupyterFrontEnd, editor: BankEditor, labels: ILabels): void {
  const buttons: [string, string, string, string][] = [
    ['kwis-preview', labels.preview, labels.previewTooltip, COMMAND_PREVIEW],
    ['kwis-try', labels.tryIt, labels.tryItTooltip, COMMAND_TRY]
  ];
  for (const [name, label, tooltip, command] of buttons) {
    const button = new ToolbarButton({
      label,
      tooltip,
      onClick: () => void app.commands.execute(command)
    });
    const names = Array.from(editor.toolbar.names());
    const index = names.indexOf(name);
    if (index < 0) {
      editor.toolbar.addItem(name, button);
    } else {
      Array.from(editor.toolbar.children())[index].dispose();
      editor.toolbar.insertItem(index, name, button);
    }
  }
}

const plugin: JupyterFrontEndPlugin<void> = {
  id: 'kwis:plugin',
  description: 'Live problems, a preview and a starter template for kwis question banks.',
  autoStart: true,
  requires: [IEditorTracker, IDocumentManager],
  optional: [IDefaultFileBrowser, ILauncher, IMainMenu, ITranslator],
  activate: (
    app: JupyterFrontEnd,
    tracker: IEditorTracker,
    docManager: IDocumentManager,
    browser: IDefaultFileBrowser | null,
    launcher: ILauncher | null,
    mainMenu: IMainMenu | null,
    translator: ITranslator | null
  ) => {
    const sessions = new Map<string, BankSession>();
    const uiLanguage = languageOf(translator?.languageCode);
    const labels = labelsFor(uiLanguage);

    const attach = async (editor: BankEditor) => {
      await editor.context.ready;
      if (!/\.ya?ml$/i.test(editor.context.path) || sessions.has(editor.id)) {
        return;
      }
      sessions.set(editor.id, new BankSession(app, editor, uiLanguage));
      editor.disposed.connect(() => sessions.delete(editor.id));
    };
    tracker.forEach(editor => void attach(editor));
    tracker.widgetAdded.connect((_, editor) => void attach(editor));

    const current = (): BankSession | undefined => {
      const editor = tracker.currentWidget;
      return editor ? sessions.get(editor.id) : undefined;
    };

    app.commands.addCommand(COMMAND_PREVIEW, {
      label: labels.commandPreview,
      isEnabled: () => current() !== undefined,
      execute: () => current()?.openPreview()
    });

    app.commands.addCommand(COMMAND_TRY, {
      label: labels.commandTry,
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
      label: labels.commandNew,
      icon: bankIcon,
      caption: labels.commandNewCaption,
      execute: async () => {
        const languages = Object.keys(LANGUAGE_NAMES) as Language[];
        const names = languages.map(language => LANGUAGE_NAMES[language]);
        const choice = await InputDialog.getItem({
          title: labels.newTitle,
          label: labels.newLanguage,
          items: names,
          current: LANGUAGE_NAMES[uiLanguage],
          okLabel: labels.newCreate,
          cancelLabel: labels.newCancel
        });
        if (!choice.button.accept || !choice.value) {
          return;
        }
        const language = languages[names.indexOf(choice.value)] ?? uiLanguage;
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

export default [plugin, warmUpPlugin];
