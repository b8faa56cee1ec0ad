// How kubectl reports failures: the text goes to stderr and the exit code is 1 (cobra usage
// errors too). `KubectlError` carries an already formatted message.

export class KubectlError extends Error {
  constructor(
    message: string,
    readonly exitCode = 1,
  ) {
    super(message);
  }
}

/** `error: <msg>` as cmdutil.CheckErr prints non-API errors. */
export function kerror(msg: string): KubectlError {
  return new KubectlError(`error: ${msg}`);
}

/** Cobra usage errors: `Error: <msg>\nSee 'kubectl <cmd> --help' for usage.` */
export function usageError(msg: string, cmdPath: string): KubectlError {
  return new KubectlError(`Error: ${msg}\nSee '${cmdPath} --help' for usage.`);
}
