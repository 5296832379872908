import { describe, expect, it } from 'vitest';
import { loggableError } from './loggable-error.js';

describe('loggableError', () => {
  it("keeps name, message, code and stack, and drops properties that quote the data written", () => {
    const error = Object.assign(new Error('null value violates a constraint'), {
      code: '23502',
      detail: 'Failing row contains (Lotta, Dear Santa …)',
      parameters: ['Lotta'],
    });

    const logged = loggableError(error);

    expect(logged).toEqual({ name: 'Error', message: 'null value violates a constraint', code: '23502', stack: error.stack });
    expect(JSON.stringify(logged)).not.toContain('Lotta');
  });

  it('names a thrown value that is no Error by its type only', () => {
    expect(loggableError({ name: 'Lotta' })).toEqual({ name: 'NonError', message: 'object', stack: undefined });
  });
});
