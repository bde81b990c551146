DATE_FORMAT = r"j \d\e F \d\e Y"  # 26 de mayo de 2025
DATETIME_FORMAT = r"j \d\e F \d\e Y, H:i"  # 26 de mayo de 2025, 23:59
TIME_FORMAT = "H:i"
