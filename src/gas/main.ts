/**
 * The Apps Script entry: everything Apps Script calls by name is assigned to
 * `global` in the files imported here. Top-level code stays light: every
 * custom-function call loads and runs the whole script.
 */
import './custom-functions-entry';
import './sidebar-entry';
import './lamps-entry';
import './tree-entry';
import './trigger-entry';
