import { useEffect, useRef, ReactNode } from 'react';
import * as echarts from 'echarts';

/** An ECharts chart that resizes with its container. */
export function Chart({ option, label, height = 320 }: { option: echarts.EChartsOption; label: string; height?: number }): ReactNode {
  const ref = useRef<HTMLDivElement>(null);
  useEffect(() => {
    if (!ref.current) return;
    const chart = echarts.init(ref.current);
    chart.setOption(option);
    const onResize = (): void => chart.resize();
    window.addEventListener('resize', onResize);
    return () => {
      window.removeEventListener('resize', onResize);
      chart.dispose();
    };
  }, [option]);
  return <div ref={ref} role="img" aria-label={label} style={{ width: '100%', height }} />;
}
