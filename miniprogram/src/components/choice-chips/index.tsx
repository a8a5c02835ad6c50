// Large tappable chips for one choice among a few (category, place, identity): easier with a gloved
// thumb in poor light than a picker. A radio group to a screen reader; in H5 each chip is in the tab order
// and Enter or Space chooses it (components/a11y).
import { View } from '@tarojs/components';
import { choiceProps, groupProps } from '@/components/a11y';

interface ChoiceChipsProps {
  id: string;
  /** Class of each chip, for styling and for tests (e.g. `category-chip`). */
  chipClass: string;
  options: Array<{ code: string; name: string }>;
  selected: string;
  onSelect: (code: string) => void;
  /** What the group is, read by a screen reader before its chips (the question above them). */
  label?: string;
}

export default function ChoiceChips({ id, chipClass, options, selected, onSelect, label }: ChoiceChipsProps) {
  return (
    <View className='mq-chips' id={id} {...groupProps(label)}>
      {options.map((option) => (
        <View
          key={option.code}
          className={`mq-chip ${chipClass} ${selected === option.code ? 'mq-chip--on' : ''}`}
          data-code={option.code}
          {...choiceProps(selected === option.code)}
          onClick={() => onSelect(option.code)}
        >
          {option.name}
        </View>
      ))}
    </View>
  );
}
