/** Macros: canned replies with placeholders that may also set ticket fields. */
export { createMacro, deleteMacro, getMacro, listMacros, updateMacro, MAX_MACRO_BODY, type Macro, type MacroActions, type MacroPatch, type NewMacro } from './macros.ts';
export { applyMacro, type AppliedMacro } from './apply-macro.ts';
export { checkPlaceholders, renderMacro, PLACEHOLDERS, type MacroContext, type Placeholder } from './render-macro.ts';
