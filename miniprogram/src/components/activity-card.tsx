import { Text, View } from '@tarojs/components';
import Taro from '@tarojs/taro';
import type { ActivityCard as Card } from '../services/types';
import { activityTypeLabels, dateTime, signupStatusLabels } from '../utils/format';
import { Tag } from './ui';

export function seatsText(a: Pick<Card, 'capacity' | 'seatsLeft'>): string {
  if (a.capacity === null || a.seatsLeft === null) return '名额不限';
  return a.seatsLeft > 0 ? `剩余 ${a.seatsLeft} 席 / 共 ${a.capacity} 席` : `已满 ${a.capacity} 席 · 可候补`;
}

const typeTone: Record<string, 'blue' | 'orange' | 'green'> = { seminar: 'blue', health_talk: 'green', quiz: 'orange', lottery: 'orange', checkin_challenge: 'orange' };

/** An activity in a list: type, title, time, place and seats, and the customer's own status. */
export function ActivityCard({ a }: { a: Card }) {
  const open = () => Taro.navigateTo({ url: `/pages/activity/index?id=${encodeURIComponent(a.id)}` });
  const mine = a.mySignup && a.mySignup.status !== 'cancelled' ? a.mySignup : null;
  return (
    <View className={`card activity-card t-activity-card t-activity-${a.id}`} onClick={open}>
      <View className={`activity-cover activity-cover-${a.type}`}>
        <Text className='activity-cover-type'>{activityTypeLabels[a.type] ?? a.type}</Text>
        <Text className='activity-cover-kind'>{a.kind === 'online' ? '线上' : '线下'}</Text>
      </View>
      <View className='activity-body'>
        <Text className='card-title'>{a.title}</Text>
        <Text className='card-sub'>{dateTime(a.startsAt)}</Text>
        {a.location ? <Text className='card-sub ellipsis'>{a.location}</Text> : null}
        <View className='row-between gap-16'>
          <View className='row'>
            <Tag tone={typeTone[a.type] ?? 'blue'}>{activityTypeLabels[a.type] ?? a.type}</Tag>
            {mine ? (
              <Tag tone={mine.status === 'waitlisted' ? 'orange' : 'green'} className='t-activity-mine'>
                {signupStatusLabels[mine.status]}
              </Tag>
            ) : null}
          </View>
          <Text className={`seats ${a.seatsLeft === 0 ? 'seats-full' : ''} t-activity-seats`}>{seatsText(a)}</Text>
        </View>
      </View>
    </View>
  );
}
