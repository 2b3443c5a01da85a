/**
 * Every text the extension shows itself, in Dutch and English (the server's messages, previews
 * and problems come in the bank's language from Python). Labels of an open bank follow the
 * bank's `language:` as the server reports it; labels with no bank yet (commands, launcher, the
 * New-bank dialog) follow JupyterLab's UI language. The type makes the compiler check that each
 * language has every label.
 */

export type Language = 'nl' | 'en';

/** The name of each language in the New-bank dialog (in itself), in the order shown. */
export const LANGUAGE_NAMES: Record<Language, string> = { nl: 'Nederlands (nl)', en: 'English (en)' };

export interface ILabels {
  preview: string;
  previewTooltip: string;
  tryIt: string;
  tryItTooltip: string;
  previewTitle: (file: string) => string;
  problems: (count: number) => string;
  severity: Record<'error' | 'warning', string>;
  fix: string;
  couldNotCheck: (reason: string) => string;
  commandPreview: string;
  commandTry: string;
  commandNew: string;
  commandNewCaption: string;
  newTitle: string;
  newLanguage: string;
  newCreate: string;
  newCancel: string;
}

const LABELS: Record<Language, ILabels> = {
  en: {
    preview: 'Preview',
    previewTooltip: 'kwis: preview the question under the cursor',
    tryIt: 'Try it',
    tryItTooltip: 'kwis: take this bank as a quiz in a scratch notebook',
    previewTitle: file => `Preview ${file}`,
    problems: count => `${count} ${count === 1 ? 'problem' : 'problems'}`,
    severity: { error: 'error', warning: 'warning' },
    fix: 'fix',
    couldNotCheck: reason => `kwis could not check this bank: ${reason}`,
    commandPreview: 'Preview kwis Question',
    commandTry: 'Try kwis Bank as a Quiz',
    commandNew: 'kwis Question Bank',
    commandNewCaption: 'A new kwis question bank: one question of each type, every field explained',
    newTitle: 'New kwis question bank',
    newLanguage: 'Language of the bank',
    newCreate: 'Create',
    newCancel: 'Cancel'
  },
  nl: {
    preview: 'Voorbeeld',
    previewTooltip: 'kwis: bekijk de vraag onder de cursor',
    tryIt: 'Probeer uit',
    tryItTooltip: 'kwis: maak deze bank als quiz in een kladnotebook',
    previewTitle: file => `Voorbeeld ${file}`,
    problems: count => `${count} ${count === 1 ? 'probleem' : 'problemen'}`,
    severity: { error: 'fout', warning: 'waarschuwing' },
    fix: 'oplossing',
    couldNotCheck: reason => `kwis kon deze bank niet controleren: ${reason}`,
    commandPreview: 'Voorbeeld van kwis-vraag',
    commandTry: 'kwis-bank als quiz uitproberen',
    commandNew: 'kwis-vragenbank',
    commandNewCaption: 'Een nieuwe kwis-vragenbank: één vraag van elk type, elk veld uitgelegd',
    newTitle: 'Nieuwe kwis-vragenbank',
    newLanguage: 'Taal van de bank',
    newCreate: 'Maken',
    newCancel: 'Annuleren'
  }
};

/** The supported language of a tag: `nl`, `nl-NL`, `nl_BE` -> Dutch; anything else English. */
export function languageOf(code: string | undefined): Language {
  return /^nl(?:[-_]|$)/i.test(code ?? '') ? 'nl' : 'en';
}

export function labelsFor(language: Language): ILabels {
  return LABELS[language];
}
