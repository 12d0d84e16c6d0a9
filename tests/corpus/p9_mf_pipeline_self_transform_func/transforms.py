def title_case(s):
    return s.strip().title()
