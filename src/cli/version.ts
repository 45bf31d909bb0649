/** The version of ipabs (as in package.json): `--version`, and the fingerprint of part files. */
export const VERSION = '0.1.0';
