// kwis: a notebook that imports kwis gets kwis's quiz code loaded in its kernel as soon as the
// kernel is idle, while the student still reads, so the first Run All does not wait for the
// imports (about 40 ms of Python modules, most of a quiz's kernel time: docs/widgets.md, Speed).
//
// The import runs as a silent request (no output, no history, no execution count) that never
// stops what is queued after it (`stop_on_error: false`), once per kernel start, and only for a
// Python kernel of a notebook with an `import kwis` or `from kwis` line. A notebook opts out with
// `"kwis": {"warm_up": false}` in its metadata; a hub switches it off for everyone with
// `jupyter labextension disable kwis:warm-up`.
import { JupyterFrontEnd, JupyterFrontEndPlugin } from '@jupyterlab/application';
import { INotebookTracker, NotebookPanel } from '@jupyterlab/notebook';
import { Kernel } from '@jupyterlab/services';

// `__import__` binds no name in the student's namespace.
export const WARM_UP_CODE = '__import__("kwis.ui._widget")';
const USES_KWIS = /^\s*(import\s+kwis\b|from\s+kwis(\.|\s))/m;

export function usesKwis(sources: Iterable<string>): boolean {
  for (const source of sources) {
    if (USES_KWIS.test(source)) return true;
  }
  return false;
}

function codeSources(panel: NotebookPanel): string[] {
  const cells = panel.content.model?.cells;
  const sources: string[] = [];
  if (!cells) return sources;
  for (let i = 0; i < cells.length; i++) {
    const cell = cells.get(i);
    if (cell.type === 'code') sources.push(cell.sharedModel.getSource());
  }
  return sources;
}

function optedOut(panel: NotebookPanel): boolean {
  const kwis = panel.content.model?.getMetadata('kwis') as { warm_up?: boolean } | undefined;
  return kwis?.warm_up === false;
}

function watch(panel: NotebookPanel): void {
  const session = panel.sessionContext;
  let warmed: Kernel.IKernelConnection | null = null;
  const warmUp = async (): Promise<void> => {
    const kernel = session.session?.kernel;
    if (!kernel || kernel === warmed || kernel.status !== 'idle') return;
    if (optedOut(panel) || !usesKwis(codeSources(panel))) return;
    warmed = kernel;
    const info = await kernel.info;
    if (info.language_info.name !== 'python') return;
    kernel.requestExecute({
      code: WARM_UP_CODE, silent: true, store_history: false, allow_stdin: false, stop_on_error: false
    });
  };
  session.statusChanged.connect((_, status) => {
    if (status === 'restarting' || status === 'autorestarting' || status === 'starting') warmed = null;
    void warmUp();
  });
  session.kernelChanged.connect(() => void warmUp());
  void panel.context.ready.then(warmUp);
}

export const warmUpPlugin: JupyterFrontEndPlugin<void> = {
  id: 'kwis:warm-up',
  description: 'Loads kwis in the kernel of a notebook that uses it, before the first Run All.',
  autoStart: true,
  requires: [INotebookTracker],
  activate: (_app: JupyterFrontEnd, notebooks: INotebookTracker): void => {
    notebooks.widgetAdded.connect((_, panel) => watch(panel));
  }
};
