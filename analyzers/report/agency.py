"""Short forms of agency names, as Chinese officialdom abbreviates them (发展和改革局 -> 发改局)."""

from __future__ import annotations

# Standard abbreviations of common words in agency names; applied one at a time and all together.
ABBREVIATIONS: tuple[tuple[str, str], ...] = (
    ("人民政府", "政府"),
    ("发展和改革", "发改"),
    ("发展改革", "发改"),
    ("人力资源和社会保障", "人社"),
    ("住房和城乡建设", "住建"),
    ("市场监督管理", "市场监管"),
    ("卫生健康", "卫健"),
    ("生态环境", "生态环境"),
    ("自然资源和规划", "自然资源规划"),
    ("文化广电和旅游", "文广旅"),
    ("文化和旅游", "文旅"),
    ("工业和信息化", "工信"),
    ("交通运输", "交通"),
    ("应急管理", "应急"),
    ("退役军人事务", "退役军人"),
    ("管理委员会", "管委会"),
)


def short_forms(agency: str | None) -> list[str]:
    """The agency name and its abbreviated forms (most abbreviated last)."""
    if not agency:
        return []
    forms = [agency]
    current = agency
    for long, short in ABBREVIATIONS:
        if long in agency and long != short:
            forms.append(agency.replace(long, short))
            current = current.replace(long, short)
    if current not in forms:
        forms.append(current)
    return forms
