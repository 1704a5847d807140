import { applyProfileOp, type ProfileState } from './profile-ops';

const base: ProfileState = { profile: { level: 2, hobbies: ['跑步'] }, name: '访客 3f2a', gender: 'unknown', city: null, birthDate: null };
const placeholder = (n: string) => n.startsWith('访客');

describe('applyProfileOp', () => {
  it('set writes columns for known properties and the rest into the profile', () => {
    const s = applyProfileOp(base, 'set', { $name: '张伟', gender: '男', $city: '上海', birthday: '1990-05-01', level: 3, vip: true }, placeholder);
    expect(s).toMatchObject({ name: '张伟', gender: 'male', city: '上海', birthDate: '1990-05-01' });
    expect(s.profile).toEqual({ level: 3, hobbies: ['跑步'], vip: true });
  });

  it('set_once only fills what is empty (a visitor name counts as empty)', () => {
    const named = applyProfileOp(base, 'set_once', { name: '李娜', level: 9, first_channel: 'app' }, placeholder);
    expect(named.name).toBe('李娜');
    expect(named.profile).toMatchObject({ level: 2, first_channel: 'app' });
    expect(applyProfileOp(named, 'set_once', { name: '王芳' }, placeholder).name).toBe('李娜');
  });

  it('increment adds numbers and starts from zero', () => {
    const s = applyProfileOp(base, 'increment', { level: 2, points: 10, bad: 'x' }, placeholder);
    expect(s.profile).toMatchObject({ level: 4, points: 10 });
    expect(s.profile.bad).toBeUndefined();
  });

  it('append adds list items once', () => {
    const s = applyProfileOp(base, 'append', { hobbies: ['跑步', '游泳'], tags: ['a'] }, placeholder);
    expect(s.profile).toMatchObject({ hobbies: ['跑步', '游泳'], tags: ['a'] });
  });

  it('unset removes properties and clears columns', () => {
    const withCity = { ...base, city: '北京', gender: 'female' as const };
    const s = applyProfileOp(withCity, 'unset', { level: true, city: true, gender: true }, placeholder);
    expect(s.profile).toEqual({ hobbies: ['跑步'] });
    expect(s.city).toBeNull();
    expect(s.gender).toBe('unknown');
  });

  it('delete empties the profile but keeps the customer', () => {
    const s = applyProfileOp(base, 'delete', {}, placeholder);
    expect(s.profile).toEqual({});
    expect(s.name).toBe(base.name);
  });

  it('never stores phone properties in the profile', () => {
    expect(applyProfileOp(base, 'set', { phone: '138****5678' }, placeholder).profile.phone).toBeUndefined();
  });
});
