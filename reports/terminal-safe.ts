/** ANSI escape sequences: CSI (`ESC [ … final`, also the 8-bit CSI), OSC (`ESC ] … BEL|ST`, window titles, hyperlinks), DCS/PM/APC strings, and two-byte escapes. */
const ESCAPE_SEQUENCE = /\u001b\[[0-?]*[ -/]*[@-~]?|\u009b[0-?]*[ -/]*[@-~]?|\u001b[\]PX^_][^\u0007\u001b\u009c]*(?:\u0007|\u001b\\|\u009c)?|[\u0090\u009d\u009e\u009f][^\u0007\u001b\u009c]*(?:\u0007|\u001b\\|\u009c)?|\u001b[ -~]?/g;

/** What is left of C0 and C1 controls, DEL, and the bidirectional overrides that reorder what a terminal shows. */
const CONTROL = /[\u0000-\u001f\u007f-\u009f\u202a-\u202e\u2066-\u2069]/g;

/**
 * Customer text made safe to print on a terminal: escape sequences (colours, cursor
 * moves, window titles, OSC 8 links, clear-screen) removed, every other control
 * character shown as `�`, white space runs as one space. One linear pass each.
 *
 * @example terminalSafe('ok\u001b[2J\u001b]0;pwned\u0007 done') // 'ok done'
 */
export function terminalSafe(text: string): string {
  return text.replace(/[\t\n\r\f\v]+/g, ' ').replace(ESCAPE_SEQUENCE, '').replace(CONTROL, '\ufffd').replace(/ {2,}/g, ' ');
}
