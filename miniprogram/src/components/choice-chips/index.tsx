// Large tappable chips for one choice among a few (category, place, identity): easier with a gloved
// thumb in poor light than a picker.
import { View } from '@tarojs/components';

interface ChoiceChipsProps {
  id: string;
  /** Class of each chip, for styling and for tests (e.g. `category-chip`). */
  chipClass: string;
  options: Array<{ code: string; name: string }>;
  selected: string;
  onSelect: (code: string) => void;
}

export default function ChoiceChips({ id, chipClass, options, selected, onSelect }: ChoiceChipsProps) {
  return (
    <View className='mq-chips' id={id}>
      {options.map((option) => (
        <View key={option.code} className={`mq-chip ${chipClass} ${selected === option.code ? 'mq-chip--on' : ''}`} data-code={option.code} onClick={() => onSelect(option.code)}>
          {option.name}
        </View>
      ))}
    </View>
  );
}
