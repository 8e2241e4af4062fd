class Thermometer:
    def __init__(self, name):
        self.name = name
        self.readings = []

    def add(self, value):
        self.readings.append(value)

    def average(self):
        return sum(self.readings) / len(self.readings)
