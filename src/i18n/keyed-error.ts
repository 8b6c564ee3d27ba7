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

/** How a catalogue says a key: t() for the shared catalogue; the local tools pass localText (local-messages.ts). */
export type Say<K extends string> = (lang: Lang, key: K, params?: MessageParams) => string;

export class KeyedError<K extends string = MessageKey> extends Error {
  private readonly say: Say<K>;

  constructor(
    readonly key: K,
    readonly params: MessageParams = {},
    lang: Lang = 'en',
    say: Say<K> = t as unknown as Say<K>,
  ) {
    super(say(lang, key, params));
    this.say = say;
    this.name = 'KeyedError';
  }

  /** The message in a language. */
  messageIn(lang: Lang): string {
    return this.say(lang, this.key, this.params);
  }
}
