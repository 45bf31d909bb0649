/** Output options shared by the commands. */
import { Option } from 'commander';

export const formatOption = () => new Option('-f, --format <format>', 'output format').choices(['table', 'csv', 'json', 'md']).default('table');
export const langOption = () => new Option('-l, --lang <lang>', 'language of headers').choices(['zh', 'en']).default('zh');
export const unitOption = () => new Option('-u, --unit <unit>', 'unit of amounts: yuan (元) or wan (万元)').choices(['yuan', 'wan']).default('yuan');
