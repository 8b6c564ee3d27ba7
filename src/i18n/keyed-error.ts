/**
 * The one shape of an error meant for a person: a message key of the
 * catalogues (messages.ts) and its parameters, so that whoever shows it says
 * it in the reader's language. `message` is the text in the language it was
 * raised in (English when the raiser knows no reader); messageIn(lang) says
 * it in any language.
 *
 * Each layer names its own: ApiError (the sidebar's server API), RunFailure
 * (the run), WorkbookError and SaveError (local workbooks), MissingSheetError
 * (the lamps report), CliError and InputError (the command line).
 * Custom-function errors are not among them: they stay English
 * (functions/args.ts SheetError, by the functions' contract).
 */
import { t, type Lang, type MessageKey, type MessageParams } from './messages';

export class KeyedError extends Error {
  constructor(
    readonly key: MessageKey,
    readonly params: MessageParams = {},
    lang: Lang = 'en',
  ) {
    super(t(lang, key, params));
    this.name = 'KeyedError';
  }

  /** The message in a language. */
  messageIn(lang: Lang): string {
    return t(lang, this.key, this.params);
  }
}
