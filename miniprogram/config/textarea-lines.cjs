// A webpack loader for Taro's H5 Textarea (@tarojs/components' taro-textarea-core.js): it counts the text's lines
// when it loads and on every keystroke, by shrinking the native <textarea> a line at a time and growing it back a
// pixel at a time, each step a layout of the whole page — some 30 of them. The count only serves auto-height
// (its rows) and the linechange event; our Textareas use neither, so a Textarea without auto-height skips it.
// On the sticker's form at 4× CPU that was ~0.1–0.3 s before the form could be drawn, and again on each key.
// The build stops if Taro's code no longer reads as expected (an upgrade): look again then, do not drop this.
const COUNT = 'this.handleLineChange = () => {\n';

module.exports = function textareaLines(source) {
  if (!source.includes(COUNT)) throw new Error('textarea-lines: taro-textarea-core.js has changed; see config/textarea-lines.cjs');
  return source.replace(COUNT, `${COUNT}      if (!this.autoHeight) return;\n`);
};
