<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="en_US" sourcelanguage="zh_CN">
<context>
    <name>DetailsPanel</name>
    <message>
        <location filename="../../desktop/panels/details.py" line="29"/>
        <source>点击地图上的点位或区域查看详情</source>
        <translation>Click a site or area on the map to see its details</translation>
    </message>
</context>
<context>
    <name>HtmlExportDialog</name>
    <message>
        <location filename="../../desktop/html_export.py" line="28"/>
        <source>导出HTML地图</source>
        <translation>Export HTML map</translation>
    </message>
    <message>
        <location filename="../../desktop/html_export.py" line="30"/>
        <location filename="../../desktop/html_export.py" line="71"/>
        <source>武汉环保行动地图</source>
        <translation>Wuhan EnvMap</translation>
    </message>
    <message>
        <location filename="../../desktop/html_export.py" line="31"/>
        <source>标题</source>
        <translation>Title</translation>
    </message>
    <message>
        <location filename="../../desktop/html_export.py" line="34"/>
        <source>无底图（离线）</source>
        <translation>No basemap (offline)</translation>
    </message>
    <message>
        <location filename="../../desktop/html_export.py" line="35"/>
        <source>OpenStreetMap</source>
        <translation>OpenStreetMap</translation>
    </message>
    <message>
        <location filename="../../desktop/html_export.py" line="36"/>
        <source>天地图（需要密钥）</source>
        <translation>Tianditu (needs a key)</translation>
    </message>
    <message>
        <location filename="../../desktop/html_export.py" line="37"/>
        <source>高德地图（GCJ-02）</source>
        <translation>AMap (GCJ-02)</translation>
    </message>
    <message>
        <location filename="../../desktop/html_export.py" line="41"/>
        <source>底图</source>
        <translation>Basemap</translation>
    </message>
    <message>
        <location filename="../../desktop/html_export.py" line="44"/>
        <source>天地图密钥 tk</source>
        <translation>Tianditu key (tk)</translation>
    </message>
    <message>
        <location filename="../../desktop/html_export.py" line="45"/>
        <source>将密钥写入文件（收件人可看到）</source>
        <translation>Write the key into the file (recipients can see it)</translation>
    </message>
    <message>
        <location filename="../../desktop/html_export.py" line="47"/>
        <source>只导出当前筛选显示的点位</source>
        <translation>Only the sites the current filter shows</translation>
    </message>
</context>
<context>
    <name>LayersPanel</name>
    <message>
        <location filename="../../desktop/panels/layers.py" line="22"/>
        <location filename="../../desktop/panels/layers.py" line="89"/>
        <source>行政区</source>
        <translation>Districts</translation>
    </message>
    <message>
        <location filename="../../desktop/panels/layers.py" line="23"/>
        <source>功能区</source>
        <translation>Functional zones</translation>
    </message>
    <message>
        <location filename="../../desktop/panels/layers.py" line="24"/>
        <source>水源保护区（示意）</source>
        <translation>Protection zones (schematic)</translation>
    </message>
    <message>
        <location filename="../../desktop/panels/layers.py" line="25"/>
        <source>河湖</source>
        <translation>Rivers</translation>
    </message>
    <message>
        <location filename="../../desktop/panels/layers.py" line="26"/>
        <source>点位</source>
        <translation>Sites</translation>
    </message>
    <message>
        <location filename="../../desktop/panels/layers.py" line="50"/>
        <source>图层</source>
        <translation>Layers</translation>
    </message>
    <message>
        <location filename="../../desktop/panels/layers.py" line="63"/>
        <source>图例</source>
        <translation>Legend</translation>
    </message>
    <message>
        <location filename="../../desktop/panels/layers.py" line="74"/>
        <source>虚线圆：位置不确定范围</source>
        <translation>Dashed circle: how far the location may be off</translation>
    </message>
    <message>
        <location filename="../../desktop/panels/layers.py" line="76"/>
        <source>视野内的点位不超过300个时显示</source>
        <translation>Drawn while at most 300 sites are in view</translation>
    </message>
    <message>
        <location filename="../../desktop/panels/layers.py" line="80"/>
        <source>筛选</source>
        <translation>Filter</translation>
    </message>
    <message>
        <location filename="../../desktop/panels/layers.py" line="87"/>
        <source>类型</source>
        <translation>Kind</translation>
    </message>
    <message>
        <location filename="../../desktop/panels/layers.py" line="88"/>
        <source>状态</source>
        <translation>Status</translation>
    </message>
    <message>
        <location filename="../../desktop/panels/layers.py" line="90"/>
        <source>文件</source>
        <translation>File</translation>
    </message>
    <message>
        <location filename="../../desktop/panels/layers.py" line="99"/>
        <source>全部</source>
        <translation>All</translation>
    </message>
</context>
<context>
    <name>MainWindow</name>
    <message>
        <location filename="../../desktop/main_window.py" line="38"/>
        <source>武汉环保行动地图</source>
        <translation>Wuhan EnvMap</translation>
    </message>
    <message>
        <location filename="../../desktop/main_window.py" line="47"/>
        <source>点位详情</source>
        <translation>Site details</translation>
    </message>
    <message>
        <location filename="../../desktop/main_window.py" line="48"/>
        <source>原文</source>
        <translation>Document</translation>
    </message>
    <message>
        <location filename="../../desktop/main_window.py" line="54"/>
        <source>图层与图例</source>
        <translation>Layers and legend</translation>
    </message>
    <message>
        <location filename="../../desktop/main_window.py" line="63"/>
        <source>措施表</source>
        <translation>Measures</translation>
    </message>
    <message>
        <location filename="../../desktop/main_window.py" line="104"/>
        <source>文件</source>
        <translation>File</translation>
    </message>
    <message>
        <location filename="../../desktop/main_window.py" line="105"/>
        <source>导出地图图片…</source>
        <translation>Export map image…</translation>
    </message>
    <message>
        <location filename="../../desktop/main_window.py" line="107"/>
        <source>导出HTML地图…</source>
        <translation>Export HTML map…</translation>
    </message>
    <message>
        <location filename="../../desktop/main_window.py" line="110"/>
        <source>退出</source>
        <translation>Quit</translation>
    </message>
    <message>
        <location filename="../../desktop/main_window.py" line="111"/>
        <source>视图</source>
        <translation>View</translation>
    </message>
    <message>
        <location filename="../../desktop/main_window.py" line="113"/>
        <source>搜索…</source>
        <translation>Search…</translation>
    </message>
    <message>
        <location filename="../../desktop/main_window.py" line="114"/>
        <source>全市</source>
        <translation>Fit to Wuhan</translation>
    </message>
    <message>
        <location filename="../../desktop/main_window.py" line="115"/>
        <source>缩放至所选</source>
        <translation>Zoom to selection</translation>
    </message>
    <message>
        <location filename="../../desktop/main_window.py" line="127"/>
        <source>设置</source>
        <translation>Settings</translation>
    </message>
    <message>
        <location filename="../../desktop/main_window.py" line="128"/>
        <source>界面语言</source>
        <translation>Language</translation>
    </message>
    <message>
        <location filename="../../desktop/main_window.py" line="139"/>
        <source>导出措施</source>
        <translation>Export measures</translation>
    </message>
    <message>
        <location filename="../../desktop/main_window.py" line="143"/>
        <location filename="../../desktop/main_window.py" line="161"/>
        <location filename="../../desktop/main_window.py" line="196"/>
        <source>已导出：</source>
        <translation>Exported: </translation>
    </message>
    <message>
        <location filename="../../desktop/main_window.py" line="147"/>
        <source>导出地图图片</source>
        <translation>Export map image</translation>
    </message>
    <message>
        <location filename="../../desktop/main_window.py" line="159"/>
        <location filename="../../desktop/main_window.py" line="198"/>
        <source>导出失败</source>
        <translation>Export failed</translation>
    </message>
    <message>
        <location filename="../../desktop/main_window.py" line="168"/>
        <source>导出HTML地图</source>
        <translation>Export HTML map</translation>
    </message>
    <message>
        <location filename="../../desktop/main_window.py" line="177"/>
        <source>正在导出HTML地图…</source>
        <translation>Exporting the HTML map…</translation>
    </message>
    <message>
        <location filename="../../desktop/main_window.py" line="177"/>
        <source>取消</source>
        <translation>Cancel</translation>
    </message>
    <message>
        <location filename="../../desktop/main_window.py" line="200"/>
        <source>已取消导出</source>
        <translation>Export cancelled</translation>
    </message>
</context>
<context>
    <name>MeasuresPanel</name>
    <message>
        <location filename="../../desktop/panels/measures.py" line="56"/>
        <source>筛选措施…</source>
        <translation>Filter measures…</translation>
    </message>
    <message>
        <location filename="../../desktop/panels/measures.py" line="68"/>
        <source>导出CSV</source>
        <translation>Export CSV</translation>
    </message>
    <message>
        <location filename="../../desktop/panels/measures.py" line="69"/>
        <source>导出XLSX</source>
        <translation>Export XLSX</translation>
    </message>
</context>
<context>
    <name>SearchDialog</name>
    <message>
        <location filename="../../desktop/panels/search.py" line="19"/>
        <source>搜索</source>
        <translation>Search</translation>
    </message>
    <message>
        <location filename="../../desktop/panels/search.py" line="21"/>
        <source>名称、别名或措施内容</source>
        <translation>Name, alias or measure text</translation>
    </message>
</context>
</TS>
