// An appeal's timeline, oldest first: who acted (the office or the department, and for staff the person
// behind the step), when, and what they wrote.
import { Text, View } from '@tarojs/components';
import type { TimelineEventView } from '@minqing/shared';
import { formatTime } from '@/utils/format';
import VoicePlayer from '@/components/voice-note/player';

interface TimelineProps {
  id: string;
  title: string;
  events: TimelineEventView[];
}

export default function Timeline({ id, title, events }: TimelineProps) {
  return (
    <View className='mq-card'>
      <Text className='mq-label'>{title}</Text>
      <View className='timeline' id={id}>
        {events.map((event) => (
          <View key={event.id} className={`timeline__item timeline-item timeline-item--${event.type}`}>
            <View className='timeline__dot' />
            <View className='timeline__body'>
              <View className='timeline__meta'>
                <Text className='timeline__actor'>{event.actor}</Text>
                {event.person ? <Text className='timeline__person'> {event.person}</Text> : null} · {formatTime(event.at)}
              </View>
              {event.text && <View className='timeline__text'>{event.text}</View>}
              {event.voice && <VoicePlayer id={`voice-${event.id}`} src={event.voice.url ? `${API_BASE}${event.voice.url}` : null} seconds={event.voice.seconds} />}
            </View>
          </View>
        ))}
      </View>
    </View>
  );
}
