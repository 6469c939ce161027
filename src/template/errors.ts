// The error every template problem becomes: the file, line and column where it is.

/** A template problem with the file, line and column where it is. */
export class TemplateError extends Error {
  constructor(
    message: string,
    public readonly file: string,
    public readonly line?: number,
    public readonly column?: number,
    /**
     * The template's text, when the problem is inside a template that was read. Messages quote
     * lines from it, never from the file named (which may be a refused link to anything).
     */
    public readonly source?: string,
  ) {
    super(`${file}${line ? `, dòng ${line}` : ''}${column ? `, cột ${column}` : ''}: ${message}`);
    this.name = 'TemplateError';
  }
}

/**
 * Thrown by a helper given an argument it cannot use (a count out of range): the template that
 * called it turns it into a TemplateError at the helper's line and column.
 */
export class HelperError extends Error {
  constructor(
    message: string,
    public readonly line?: number,
    public readonly column?: number,
  ) {
    super(message);
    this.name = 'HelperError';
  }
}
