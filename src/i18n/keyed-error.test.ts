import { KeyedError } from './keyed-error';
import { localText as t } from './local-messages';

describe('KeyedError', () => {
  const params = { file: 'KPI Lamp Tree.csv', detail: 'EACCES: permission denied' };

  it('says its message in the language it was raised in, English when none is given', () => {
    expect(new KeyedError('cli.error.write', params, 'en', t).message).toBe(
      'KPI Lamp Tree.csv: cannot be written (EACCES: permission denied); nothing was changed',
    );
    expect(new KeyedError('cli.error.write', params, 'ja', t).message).toBe(
      'KPI Lamp Tree.csv: 書き込めません(EACCES: permission denied)。何も変更していません',
    );
  });

  it('says it again in any language from its key and parameters', () => {
    const e = new KeyedError('cli.error.write', params, 'ja', t);
    expect([e.key, e.params]).toEqual(['cli.error.write', params]);
    expect(e.messageIn('en')).toBe(t('en', 'cli.error.write', params));
    expect(e.messageIn('ja')).toBe(e.message);
    expect(e).toBeInstanceOf(Error);
  });

  it('takes no parameters for a message without placeholders', () => {
    expect(new KeyedError('tree.invalid').params).toEqual({});
    expect(new KeyedError('tree.invalid').message).toBe(t('en', 'tree.invalid'));
  });
});
