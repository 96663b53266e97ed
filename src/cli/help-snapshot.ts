import type { CommandUnknownOpts, Help } from '@commander-js/extra-typings';
import type { Deps } from '../deps.js';
import type { HelpPart, HelpTemplates } from './help-render.js';
import { buildProgram } from './program.js';

/**
 * Records every command's help as commander writes it, for the build (scripts/build.js writes it
 * to dist/help.json): the output of commander's own outputHelp, except that where its Help would
 * wrap text to the terminal's width (a description, a term and its description) a marker stands
 * and the piece is kept apart, to be laid out at run time by help-render.ts for the width there.
 */
export function programHelp(deps: Deps): HelpTemplates {
  const program = buildProgram({ deps, run: () => Promise.resolve(), print: () => undefined });
  return helpTemplates(program, deps.docsDir ?? 'docs/');
}

export function helpTemplates(program: CommandUnknownOpts, docsDir: string): HelpTemplates {
  const templates: HelpTemplates = { docsDir, children: {}, help: {} };
  const visit = (command: CommandUnknownOpts, path: string): void => {
    templates.help[path] = recordHelp(command);
    const children: Record<string, string> = {};
    for (const child of command.commands) {
      const childPath = path === '' ? child.name() : `${path} ${child.name()}`;
      for (const name of [child.name(), ...child.aliases()]) children[name] = childPath;
      visit(child, childPath);
    }
    templates.children[path] = children;
  };
  visit(program, '');
  return templates;
}

const MARK = '\u0000';

function recordHelp(command: CommandUnknownOpts): HelpPart[] {
  const pieces: Exclude<HelpPart, string>[] = [];
  const mark = (piece: Exclude<HelpPart, string>): string => `${MARK}${pieces.push(piece) - 1}${MARK}`;
  const original = command.createHelp.bind(command);
  // The command's own Help (its configureHelp settings included), its two layout steps replaced by markers.
  const recording = (): Help => {
    const help = original();
    help.boxWrap = (text: string) => mark({ wrap: text });
    help.formatItem = (term: string, termWidth: number, description: string) => mark({ term, termWidth, description });
    return help;
  };
  let text = '';
  // A copy: configureOutput() hands out the live settings, which configureOutput(x) changes in place.
  const output = { ...command.configureOutput() };
  command.createHelp = recording;
  command.configureOutput({ writeOut: (chunk: string) => void (text += chunk) });
  try {
    command.outputHelp();
  } finally {
    command.configureOutput(output);
    command.createHelp = original;
  }
  return text
    .split(MARK)
    .map((part, index) => (index % 2 === 0 ? part : pieces[Number(part)]!))
    .filter((part) => part !== '');
}
