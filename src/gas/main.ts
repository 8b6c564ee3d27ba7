/**
 * The Apps Script entry: everything Apps Script calls by name is assigned to
 * `global` in the files imported here. Top-level code stays light: every
 * custom-function call loads and runs the whole script.
 */
import './custom-functions';
import './sidebar';
import './lamps-api';
import './tree-api';
import './trigger';
